// What the catalog and the delivery quote say about an order before any payment is touched:
// products it lacks (and then nothing else, since nothing else can be judged), otherwise a
// delivery price other than the quote and every product whose stock is already short.
import type { CatalogProduct } from '../../../domain/catalog.ts';
import type { DeliveryQuote } from './checkoutPorts.ts';
import type { LineItem } from './lineItems.ts';
import { invalidInput, type OrderError, outOfStock, unknownProduct, wrongDeliveryPrice } from './orderErrors.ts';

export function checkAgainstCatalog(
  lines: readonly LineItem[],
  catalog: ReadonlyMap<string, CatalogProduct>,
  quote: DeliveryQuote,
  deliveryPrice: number,
  country: string,
): OrderError[] {
  const unknown = lines.filter((line) => !catalog.has(line.productId)).map((line) => line.productId);
  if (quote.kind === 'unknownProduct' && !unknown.includes(quote.productId)) unknown.push(quote.productId);
  if (unknown.length > 0) return unknown.map(unknownProduct);
  if (quote.kind === 'invalid') return [invalidInput(quote.message)];
  const errors: OrderError[] = [];
  if (quote.kind === 'priced' && quote.pricing !== deliveryPrice)
    errors.push(wrongDeliveryPrice(deliveryPrice, quote.pricing, country));
  for (const line of lines) {
    const product = catalog.get(line.productId)!;
    if (product.stock < line.quantity) errors.push(outOfStock(product, line.quantity, product.stock));
  }
  return errors;
}
