// The return-stock rule's target: an order that ended without delivery (a status that returns
// stock, in domain/orderLifecycle.ts) puts its units back in stock, once per order whatever
// the number of deliveries of the event. Lines of products deleted since are left out, and
// noted in the ledger. Throwing makes the bus retry the event, and finally dead-letter it.
import { parseStockReturn, type StockReturnLine } from '../domain/stockReturn.ts';
import type { EventBridgeEvent } from '../../platform/lambdaTypes.ts';
import { stockReturnRecord } from '../domain/stockReturnRecord.ts';
import { batchGetProducts } from '../store/productsTable.ts';
import { writeStockReturn } from '../store/stockReturnsTable.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { StockReturnIncompleteError } from '../errors.ts';

/** A product may be deleted between the re-read and the next attempt; past this, the bus retries. */
const ATTEMPTS = 3;

const { logger } = observabilityOf('products');

export const handler = observedHandler('products', returnStock);

async function returnStock(event: EventBridgeEvent): Promise<void> {
  const { orderId, lines } = parseStockReturn(event);
  let returned: readonly StockReturnLine[] = lines;
  const skipped: StockReturnLine[] = [];
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const outcome = await writeStockReturn(stockReturnRecord(orderId, returned, skipped, new Date()));
    if (outcome === 'already-returned') logger.info('The stock of the order was returned already; nothing changed', { orderId });
    if (outcome !== 'product-missing') return;
    const existing = new Set(
      (await batchGetProducts(returned.map((line) => line.productId))).map((product) => product.productId),
    );
    skipped.push(...returned.filter((line) => !existing.has(line.productId)));
    returned = returned.filter((line) => existing.has(line.productId));
    logger.warn('The order names products deleted since; their stock is not returned', {
      orderId,
      deletedProductIds: skipped.map((line) => line.productId),
    });
  }
  throw new StockReturnIncompleteError(
    `Could not return the stock of order ${orderId} in ${ATTEMPTS} attempts: its products keep disappearing.`,
  );
}
