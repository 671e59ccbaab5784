// What the catalog and the delivery quote say about an order before any payment is touched:
// products it lacks (and then nothing else, since nothing else can be judged), otherwise a
// delivery price other than the quote, a total past MAX_ORDER_TOTAL (domain/money.ts: it would
// be charged, then fail every read of the order) and every product whose stock is already short.
import type { CatalogProduct } from '../../../domain/catalog.ts';
import type { DeliveryQuote } from './checkoutPorts.ts';
import type { LineItem } from './lineItems.ts';
import { invalidInput, type OrderError, outOfStock, totalTooLarge, unknownProduct, wrongDeliveryPrice } from './orderErrors.ts';
import { orderTotals } from './totals.ts';
import { MAX_ORDER_TOTAL } from '../../../domain/money.ts';

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
  const priced = lines.map((line) => ({ price: catalog.get(line.productId)!.price, quantity: line.quantity }));
  const { total } = orderTotals(priced, deliveryPrice);
  if (total > MAX_ORDER_TOTAL) errors.push(totalTooLarge(total));
  for (const line of lines) {
    const product = catalog.get(line.productId)!;
    if (product.stock < line.quantity) errors.push(outOfStock(product, line.quantity, product.stock));
  }
  return errors;
}
