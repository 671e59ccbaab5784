// The return-stock rule's target: an order that ended without delivery (a status that returns
// stock, in domain/orderLifecycle.ts) puts its units back in stock, once per order whatever
// the number of deliveries of the event, each line with its ORDER_RETURNED movement. Lines of
// products deleted since are left out, and noted in the record. Throwing makes the bus retry the
// event, and finally dead-letter it.
import { parseStockReturn, type StockReturnLine } from '../domain/stockReturn.ts';
import type { EventBridgeEvent } from '../../platform/lambdaTypes.ts';
import { stockReturnRecord } from '../domain/stockReturnRecord.ts';
import { batchGetProducts } from '../store/productsTable.ts';
import { backoff, STOCK_WRITE_ATTEMPTS } from '../store/stockLedger.ts';
import { writeStockReturn } from '../store/stockReturnsTable.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { StockReturnIncompleteError } from '../errors.ts';

const { logger } = observabilityOf('products');

export const handler = observedHandler('products', returnStock);

async function returnStock(event: EventBridgeEvent): Promise<void> {
  const { orderId, lines } = parseStockReturn(event);
  // The stock of each product as read; a product absent here is deleted, and its line skipped.
  const stocks = new Map(
    (await batchGetProducts(lines.map((line) => line.productId))).map((product) => [product.productId, product.stock]),
  );
  for (let attempt = 1; attempt <= STOCK_WRITE_ATTEMPTS; attempt += 1) {
    const returned = lines.filter((line) => stocks.has(line.productId));
    const skipped = lines.filter((line) => !stocks.has(line.productId));
    if (skipped.length > 0 && attempt === 1) logSkipped(orderId, skipped);
    const outcome = await writeStockReturn(stockReturnRecord(orderId, returned, skipped, new Date()), stocks);
    if (outcome.kind === 'returned') return;
    if (outcome.kind === 'already-returned') {
      logger.info('The stock of the order was returned already; nothing changed', { orderId });
      return;
    }
    if (outcome.kind === 'refused') {
      for (const [productId, refusal] of outcome.products) {
        if (refusal.kind === 'gone') stocks.delete(productId);
        if (refusal.kind === 'moved') stocks.set(productId, refusal.item.stock);
      }
      if ([...outcome.products.values()].some((refusal) => refusal.kind === 'gone')) {
        logSkipped(
          orderId,
          lines.filter((line) => !stocks.has(line.productId)),
        );
      }
    }
    await backoff(attempt);
  }
  throw new StockReturnIncompleteError(
    `Could not return the stock of order ${orderId} in ${STOCK_WRITE_ATTEMPTS} attempts: its products kept changing.`,
  );
}

function logSkipped(orderId: string, skipped: readonly StockReturnLine[]): void {
  logger.warn('The order names products deleted since; their stock is not returned', {
    orderId,
    deletedProductIds: skipped.map((line) => line.productId),
  });
}
