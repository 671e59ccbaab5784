// The products of an order: at least one line, each a product id and a quantity
// 1..MAX_LINE_QUANTITY (999, as a cart line). Lines of the same product are merged (quantities
// summed; the sum must still be at most MAX_LINE_QUANTITY).
import { MAX_LINE_QUANTITY } from '../../../domain/cart.ts';

export interface LineItem {
  readonly productId: string;
  readonly quantity: number;
}

/**
 * The merged lines of `value`, in the order each product is first named. Each problem found is
 * added to `problems`; the lines are meaningful only when none was.
 */
export function parseLineItems(value: unknown, maxLines: number, problems: string[]): LineItem[] {
  if (!Array.isArray(value)) {
    problems.push('products must be a list of {productId, quantity}.');
    return [];
  }
  if (value.length === 0) problems.push('products must name at least one product.');
  const lines: LineItem[] = [];
  value.forEach((line: unknown, index) => {
    const { productId, quantity } = (typeof line === 'object' && line !== null ? line : {}) as Record<string, unknown>;
    const validId = typeof productId === 'string' && productId.trim() !== '';
    const validQuantity = isQuantity(quantity);
    if (!validId) problems.push(`products[${index}].productId must be a non-empty string.`);
    if (!validQuantity)
      problems.push(
        `products[${index}].quantity must be an integer from 1 to ${MAX_LINE_QUANTITY}; it is ${JSON.stringify(quantity) ?? 'missing'}.`,
      );
    if (validId && validQuantity) lines.push({ productId, quantity });
  });
  const merged = mergeLineItems(lines);
  for (const { productId, quantity } of merged) {
    if (quantity > MAX_LINE_QUANTITY)
      problems.push(
        `The quantities of product "${productId}" add up to ${quantity}; at most ${MAX_LINE_QUANTITY} may be ordered.`,
      );
  }
  if (merged.length > maxLines)
    problems.push(`An order may hold at most ${maxLines} different products; this one names ${merged.length}.`);
  return merged;
}

/** One line per product, quantities summed, in the order each product is first named. */
export function mergeLineItems(lines: readonly LineItem[]): LineItem[] {
  const quantities = new Map<string, number>();
  for (const { productId, quantity } of lines) quantities.set(productId, (quantities.get(productId) ?? 0) + quantity);
  return [...quantities].map(([productId, quantity]) => ({ productId, quantity }));
}

function isQuantity(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_LINE_QUANTITY;
}
