// The products of a quote: at least one line, each with a product id and a quantity
// 1..MAX_LINE_QUANTITY (999, as a cart line). Lines of the same product are merged (quantities
// summed) and the sum must still be at most MAX_LINE_QUANTITY.
import { MAX_LINE_QUANTITY } from '../../../domain/cart.ts';
import { InvalidInputError } from '../../platform/errors.ts';

export interface LineItem {
  readonly productId: string;
  readonly quantity: number;
}

/** One call to the products service's batch-get. */
export const MAX_DISTINCT_PRODUCTS = 100;

/** The merged lines, in the order each product is first named. */
export function parseLineItems(value: unknown): LineItem[] {
  if (!Array.isArray(value)) throw new InvalidInputError('products must be a list of {productId, quantity}.');
  if (value.length === 0) throw new InvalidInputError('products must name at least one product.');
  const quantities = new Map<string, number>();
  value.forEach((line: unknown, index) => {
    const { productId, quantity } = (typeof line === 'object' && line !== null ? line : {}) as Record<string, unknown>;
    if (typeof productId !== 'string' || productId.trim() === '') {
      throw new InvalidInputError(`products[${index}].productId must be a non-empty string.`);
    }
    assertQuantity(quantity, `products[${index}].quantity`);
    quantities.set(productId, (quantities.get(productId) ?? 0) + quantity);
  });
  if (quantities.size > MAX_DISTINCT_PRODUCTS) {
    throw new InvalidInputError(
      `products may name at most ${MAX_DISTINCT_PRODUCTS} distinct products; it names ${quantities.size}.`,
    );
  }
  return [...quantities].map(([productId, quantity]) => {
    if (quantity > MAX_LINE_QUANTITY) {
      throw new InvalidInputError(
        `The quantities of product "${productId}" add up to ${quantity}; at most ${MAX_LINE_QUANTITY} may be ordered.`,
      );
    }
    return { productId, quantity };
  });
}

function assertQuantity(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_LINE_QUANTITY) {
    throw new InvalidInputError(
      `${name} must be an integer from 1 to ${MAX_LINE_QUANTITY}; it is ${JSON.stringify(value) ?? 'missing'}.`,
    );
  }
}
