// The body of POST /payments/gateway: `{ orderId, userId, amount, items: [{ productId, name, price, quantity }] }`,
// what the orders service knows of an order it is about to write AWAITING_PAYMENT.
import { InvalidInputError } from '../../platform/errors.ts';
import { assertBodyObject, requireAmount, requireId } from './requestFields.ts';

export interface GatewayItem {
  readonly productId: string;
  readonly name: string;
  /** Minor units, each. */
  readonly price: number;
  readonly quantity: number;
}

export interface GatewayStartRequest {
  readonly orderId: string;
  readonly userId: string;
  /** Minor units: the order's total. */
  readonly amount: number;
  readonly items: readonly GatewayItem[];
}

/** An order holds at most 50 lines (the orders service's limit). */
const MAX_ITEMS = 50;

export function parseGatewayStartRequest(body: unknown): GatewayStartRequest {
  assertBodyObject(body, '{"orderId", "userId", "amount", "items": [{"productId", "name", "price", "quantity"}]}');
  const { items } = body;
  if (!Array.isArray(items) || items.length < 1 || items.length > MAX_ITEMS) {
    throw new InvalidInputError(`items must be an array of 1 to ${MAX_ITEMS} order lines.`);
  }
  return {
    orderId: requireId(body, 'orderId'),
    userId: requireId(body, 'userId'),
    amount: requireAmount(body, 'amount'),
    items: items.map((item: unknown, index) => parseItem(item, index)),
  };
}

function parseItem(item: unknown, index: number): GatewayItem {
  const where = `items[${index}]`;
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    throw new InvalidInputError(`${where} must be an object.`);
  const { productId, name, price, quantity } = item as Record<string, unknown>;
  if (typeof productId !== 'string' || productId === '')
    throw new InvalidInputError(`${where}.productId must be a non-empty string.`);
  if (typeof name !== 'string') throw new InvalidInputError(`${where}.name must be a string.`);
  if (!Number.isSafeInteger(price) || (price as number) < 0)
    throw new InvalidInputError(`${where}.price must be a whole number, 0 or more.`);
  if (!Number.isSafeInteger(quantity) || (quantity as number) < 1)
    throw new InvalidInputError(`${where}.quantity must be a whole number, at least 1.`);
  return { productId, name, price: price as number, quantity: quantity as number };
}
