// Placing an order in one transaction (orderTransaction.ts), and what its cancellation means:
//   the order's condition failed → it exists already (an earlier attempt of the request);
//   a product's condition failed → its stock moved since it was read (tried again from the stock
//     the refusal returns, as long as there is enough), or it is gone (no old item);
//   a conflict with another transaction on the same items (AWS cancels rather than queues) or
//   throttling → tried again with jittered backoff, then SERVICE_UNAVAILABLE.
// The products' stock is read (consistently) first: each reservation is conditional on it.
// Any other error (no answer) leaves the outcome unknown: it is logged and thrown as it is.
import {
  BatchGetItemCommand,
  type DynamoDBClient,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { observabilityOf } from '../../platform/observability.ts';
import type { OrderWrite, StockShortage } from '../domain/checkoutPorts.ts';
import type { Operation } from '../domain/checkoutRequest.ts';
import type { OrderItem } from '../../../domain/order.ts';
import { ServiceUnavailableError } from '../errors.ts';
import type { CheckoutTables } from './dynamodb.ts';
import { orderTransactionItems } from './orderTransaction.ts';

export const TRANSACTION_ATTEMPTS = 5;
/** Concurrent orders and adjustments of one product each win in turn: this many rounds when its stock moved. */
export const STOCK_MOVED_ATTEMPTS = 30;
const BACKOFF_BASE_MS = 25;
const STOCK_MOVED_BACKOFF_CAP_MS = 250;
const READ_ATTEMPTS = 3;
const RETRYABLE = new Set(['TransactionConflict', 'ThrottlingError']);

const { logger } = observabilityOf('orders');

export async function writeOrder(
  client: DynamoDBClient,
  tables: CheckoutTables,
  order: OrderItem,
  operation: Operation,
): Promise<OrderWrite> {
  const stocks = await readStocks(
    client,
    tables.products,
    order.products.map((product) => product.productId),
  );
  let busy = 0;
  for (let moved = 0; ;) {
    const shortages = shortagesOf(order, stocks);
    if (shortages.length > 0) return { kind: 'stockShort', shortages };
    const command = new TransactWriteItemsCommand({
      TransactItems: orderTransactionItems(tables, order, operation, stocks, new Date().toISOString()),
    });
    try {
      await client.send(command);
      return { kind: 'written' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) {
        logger.error('Writing the order got no answer; whether it was written is unknown', {
          orderId: order.orderId,
          attempt: busy + moved + 1,
          error,
        });
        throw error;
      }
      const reasons = error.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return { kind: 'exists' };
      const refused = order.products.filter((product, index) => {
        const reason = reasons[index + 1];
        if (reason?.Code !== 'ConditionalCheckFailed') return false;
        const old = reason.Item ? (unmarshall(reason.Item) as { stock?: unknown }) : undefined;
        if (old) stocks.set(product.productId, typeof old.stock === 'number' ? old.stock : 0);
        else stocks.delete(product.productId);
        return true;
      });
      const codes = reasons.map((reason) => reason.Code ?? 'None');
      if (refused.length > 0 && moved < STOCK_MOVED_ATTEMPTS - 1) {
        moved += 1;
        await sleep(Math.random() * stockMovedPauseMs(moved));
        continue;
      }
      busy += 1;
      if (refused.length > 0 || !codes.some((code) => RETRYABLE.has(code)) || busy >= TRANSACTION_ATTEMPTS) {
        logger.error('The order transaction was cancelled; nothing was written', { orderId: order.orderId, busy, moved, codes });
        throw new ServiceUnavailableError(
          'The order could not be written: the tables are busy. Nothing was ordered or charged; try again shortly.',
          { cause: error },
        );
      }
      await sleep(Math.random() * busyPauseMs(busy));
    }
  }
}

/** The lines whose product is gone (no stock) or holds fewer units than ordered. */
function shortagesOf(order: OrderItem, stocks: ReadonlyMap<string, number>): StockShortage[] {
  return order.products.flatMap(({ productId, quantity }): StockShortage[] => {
    const stock = stocks.get(productId);
    if (stock === undefined) return [{ productId }];
    return stock < quantity ? [{ productId, stock }] : [];
  });
}

/** Each product's stock, read strongly consistently; a product that does not exist is absent. */
async function readStocks(client: DynamoDBClient, table: string, productIds: readonly string[]): Promise<Map<string, number>> {
  const stocks = new Map<string, number>();
  let keys = productIds.map((productId) => marshall({ productId }));
  for (let attempt = 1; keys.length > 0; attempt += 1) {
    if (attempt > READ_ATTEMPTS) {
      throw new ServiceUnavailableError(
        'The products’ stock could not be read: the table is busy. Nothing was ordered; try again shortly.',
      );
    }
    if (attempt > 1) await sleep(Math.random() * busyPauseMs(attempt));
    const result = await client.send(
      new BatchGetItemCommand({
        RequestItems: { [table]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'productId, stock' } },
      }),
    );
    for (const item of result.Responses?.[table] ?? []) {
      const { productId, stock } = unmarshall(item) as { productId: string; stock?: unknown };
      stocks.set(productId, typeof stock === 'number' ? stock : 0);
    }
    keys = result.UnprocessedKeys?.[table]?.Keys ?? [];
  }
  return stocks;
}

/** The longest pause before another round after the stock moved (each pause is a random part of it). */
const stockMovedPauseMs = (moved: number) => Math.min(STOCK_MOVED_BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(moved, 6));
/** The longest pause before another attempt of a busy read or write. */
const busyPauseMs = (attempt: number) => BACKOFF_BASE_MS * 2 ** attempt;

/**
 * The longest writeOrder pauses in all: every read and round retried as often as it may be
 * (7.9 s). Checkout counts it in what it needs after claiming a payment (checkout/checkoutBudget.ts).
 */
export function writeOrderPausesWorstMs(): number {
  let pauses = 0;
  for (let attempt = 2; attempt <= READ_ATTEMPTS; attempt += 1) pauses += busyPauseMs(attempt);
  for (let moved = 1; moved < STOCK_MOVED_ATTEMPTS; moved += 1) pauses += stockMovedPauseMs(moved);
  for (let busy = 1; busy < TRANSACTION_ATTEMPTS; busy += 1) pauses += busyPauseMs(busy);
  return pauses;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
