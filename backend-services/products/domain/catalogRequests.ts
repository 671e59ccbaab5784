// The bodies of the catalog's write routes, checked: POST /products (putProduct), and
// POST /products/{productId}/stock-adjustments (adjustStock). Every problem of a product is
// listed in one INVALID_INPUT, as API.md's "Catalog rules" say. A price is at most MAX_PRICE
// (domain/money.ts), so that an order's amounts stay GraphQL Ints.
import { InvalidInputError } from '../../platform/errors.ts';
import type { Package } from '../../../domain/catalog.ts';
import { DEFAULT_LOW_STOCK_THRESHOLD } from '../../../domain/inventory.ts';
import { MAX_PRICE } from '../../../domain/money.ts';

/** Letters, digits, '.', '_', ':' and '-', starting with a letter or digit: ids travel in URLs and events, and '#…' is reserved (the cart header). */
const PRODUCT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,64}$/;
export const MAX_STOCK_DELTA = 1_000_000;
export const MAX_REASON_LENGTH = 200;

/** A product as putProduct gives it, trimmed; every field but productId is written. */
export interface ProductDraft {
  /** Absent: a new product, its id generated. */
  readonly productId?: string;
  readonly name: string;
  /** Absent when blank: a put removes the stored one. */
  readonly description?: string;
  readonly category: string;
  readonly tags: readonly string[];
  readonly pictures: readonly string[];
  readonly price: number;
  readonly package: Package;
  readonly stock: number;
  readonly lowStockThreshold: number;
}

export interface PutProductRequest {
  readonly product: ProductDraft;
  /** The version the caller read; absent: no check of the version. */
  readonly expectedVersion?: number;
  /** Who asks: a user's id (sub). */
  readonly actor: string;
}

export interface StockAdjustmentRequest {
  readonly productId: string;
  readonly delta: number;
  readonly reason: string;
  readonly idempotencyKey?: string;
  readonly actor: string;
}

type Fields = Record<string, unknown>;

export function parsePutProductRequest(body: unknown): PutProductRequest {
  const { input, expectedVersion, actor } = objectOf(body, '{"input": {...}, "expectedVersion"?, "actor"}');
  const fields = objectOf(input, 'input must be a product: {"name", "category", "price", "package", "stock", …}');
  const problems: string[] = [];
  const productId = optional(fields.productId);
  if (productId !== undefined && (typeof productId !== 'string' || !PRODUCT_ID.test(productId))) {
    problems.push("productId must be 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
  }
  const name = requiredText(fields.name, 'name', problems);
  const category = requiredText(fields.category, 'category', problems);
  const price = atLeastZero(fields.price, 'price', problems);
  if (price > MAX_PRICE) problems.push(`price must be at most ${MAX_PRICE} (minor units), got ${price}`);
  const stock = atLeastZero(fields.stock, 'stock', problems);
  const box = objectOrUndefined(fields.package);
  if (!box) problems.push('package must be an object of width, length, height and weight');
  const pkg = {
    width: atLeastZero(box?.width, 'package.width', problems),
    length: atLeastZero(box?.length, 'package.length', problems),
    height: atLeastZero(box?.height, 'package.height', problems),
    weight: atLeastZero(box?.weight, 'package.weight', problems),
  };
  const tags = textList(fields.tags, 'tags', problems);
  const pictures = textList(fields.pictures, 'pictures', problems);
  const threshold = optional(fields.lowStockThreshold);
  const lowStockThreshold =
    threshold === undefined ? DEFAULT_LOW_STOCK_THRESHOLD : atLeastZero(threshold, 'lowStockThreshold', problems);
  const version = optional(expectedVersion);
  if (version !== undefined) atLeastZero(version, 'expectedVersion', problems);
  const description = typeof fields.description === 'string' ? fields.description.trim() : '';
  if (optional(fields.description) !== undefined && typeof fields.description !== 'string') {
    problems.push('description must be a string');
  }
  if (problems.length > 0) throw new InvalidInputError(`Invalid product: ${problems.join('; ')}.`);
  return {
    product: {
      ...(productId === undefined ? {} : { productId: productId as string }),
      name,
      ...(description === '' ? {} : { description }),
      category,
      tags,
      pictures,
      price,
      package: pkg,
      stock,
      lowStockThreshold,
    },
    ...(version === undefined ? {} : { expectedVersion: version as number }),
    actor: requireActor(actor),
  };
}

export function parseStockAdjustmentRequest(productId: string | undefined, body: unknown): StockAdjustmentRequest {
  const { delta, reason, idempotencyKey, actor } = objectOf(body, '{"delta", "reason", "idempotencyKey"?, "actor"}');
  const problems: string[] = [];
  if (!productId || productId.trim() === '') problems.push('productId must not be blank');
  if (!Number.isSafeInteger(delta) || delta === 0 || Math.abs(delta as number) > MAX_STOCK_DELTA) {
    problems.push(`delta must be a whole number from -${MAX_STOCK_DELTA} to ${MAX_STOCK_DELTA}, not 0; got ${String(delta)}`);
  }
  const trimmedReason = typeof reason === 'string' ? reason.trim() : '';
  if (trimmedReason.length < 1 || trimmedReason.length > MAX_REASON_LENGTH) {
    problems.push(`reason must be 1 to ${MAX_REASON_LENGTH} characters, not blank`);
  }
  const key = optional(idempotencyKey);
  if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
    problems.push("idempotencyKey must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
  }
  if (problems.length > 0) throw new InvalidInputError(`Invalid stock adjustment: ${problems.join('; ')}.`);
  return {
    productId: productId!,
    delta: delta as number,
    reason: trimmedReason,
    ...(key === undefined ? {} : { idempotencyKey: key as string }),
    actor: requireActor(actor),
  };
}

/** The path's product id, which API Gateway always gives a route with {productId}. */
export function requireProductId(productId: string | undefined): string {
  if (!productId || productId.trim() === '') throw new InvalidInputError('productId must not be blank');
  return productId;
}

function requireActor(actor: unknown): string {
  if (typeof actor !== 'string' || actor.trim() === '') throw new InvalidInputError('actor (the caller’s id) must be given.');
  return actor;
}

function objectOf(value: unknown, shape: string): Fields {
  const object = objectOrUndefined(value);
  if (!object) throw new InvalidInputError(`The body must be a JSON object: ${shape}.`);
  return object;
}

function objectOrUndefined(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

/** null and undefined alike: GraphQL passes an absent argument as null. */
function optional(value: unknown): unknown {
  return value === null ? undefined : value;
}

function requiredText(value: unknown, field: string, problems: string[]): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') problems.push(`${field} must not be blank`);
  return text;
}

function atLeastZero(value: unknown, field: string, problems: string[]): number {
  if (!Number.isSafeInteger(value)) {
    problems.push(`${field} must be a whole number, got ${String(value)}`);
    return 0;
  }
  if ((value as number) < 0) problems.push(`${field} must be at least 0, got ${String(value)}`);
  return value as number;
}

function textList(value: unknown, field: string, problems: string[]): string[] {
  const list = optional(value) ?? [];
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
    problems.push(`${field} must be a list of strings`);
    return [];
  }
  if (list.some((item: string) => item.trim() === '')) problems.push(`${field} must not be blank`);
  return list.map((item: string) => item.trim());
}
