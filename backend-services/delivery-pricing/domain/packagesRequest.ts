// The body of POST /pricing/packages: `{ products: [{productId, quantity, package: {width,
// length, height, weight}}], address: {...} }`, lines and address checked as POST /pricing checks
// them, and every line's package given: whole millimetres and grams, 0 or more, as the catalog
// holds them (domain/catalog.ts). Lines of the same product merge as in POST /pricing; they must
// then give the same package.
import type { Package } from '../../../domain/catalog.ts';
import { InvalidInputError } from '../../platform/errors.ts';
import { parseQuoteRequest, type QuoteRequest } from './quoteRequest.ts';

export interface PackagesRequest extends QuoteRequest {
  /** The package of every product of `lines`. */
  readonly packages: ReadonlyMap<string, Package>;
}

const SIZES = ['width', 'length', 'height', 'weight'] as const;

export function parsePackagesRequest(body: unknown): PackagesRequest {
  const request = parseQuoteRequest(body);
  const packages = new Map<string, Package>();
  ((body as { products: unknown[] }).products as Record<string, unknown>[]).forEach((line, index) => {
    const found = parsePackage(line.package, `products[${index}].package`);
    const productId = line.productId as string;
    const earlier = packages.get(productId);
    if (earlier && SIZES.some((size) => earlier[size] !== found[size])) {
      throw new InvalidInputError(`products[${index}] gives product "${productId}" another package than an earlier line.`);
    }
    packages.set(productId, found);
  });
  return { ...request, packages };
}

function parsePackage(value: unknown, name: string): Package {
  const box = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const wrong = SIZES.filter((size) => !Number.isSafeInteger(box[size]) || (box[size] as number) < 0);
  if (typeof value !== 'object' || value === null || wrong.length > 0) {
    throw new InvalidInputError(
      `${name} must be {width, length, height, weight}, each a whole number from 0 (millimetres, grams); ${wrong.map((size) => `${name}.${size}`).join(', ') || name} is not.`,
    );
  }
  const { width, length, height, weight } = box as Record<(typeof SIZES)[number], number>;
  return { width, length, height, weight };
}
