// Placing an order in one transaction (orderTransaction.ts), and what its cancellation means:
//   the order's condition failed → it exists already (an earlier attempt of the request);
//   a product's condition failed → its stock moved since it was read (tried again from the stock
//     the refusal returns, as long as there is enough), or it is gone (no old item);
//   a conflict with another transaction on the same items (AWS cancels rather than queues) or
//   throttling → tried again with jittered backoff, then SERVICE_UNAVAILABLE.
// The products' stock is read (consistently) first: each reservation is conditional on it.
//
// A send that gets no answer (no response, a 5xx, a send cut off after SEND_TIMEOUT_MS, or
// DynamoDB saying the transaction with that token is still in progress) leaves the outcome open:
// the same transaction, with the same ClientRequestToken, is sent again until DynamoDB settles
// it. Within the token's 10-minute window DynamoDB applies it at most once: a resend of one that
// committed answers success, one still in progress answers TransactionInProgressException (and a
// resend 5 s or more after the first attempt lets DynamoDB finish it), and a cancellation means
// it was not applied. When no resend gets an answer, OrderOutcomeUnknownError: the order may yet
// exist, and its payment must be kept. A definite refusal of a first send (a 4xx other than those
// two) wrote nothing: SERVICE_UNAVAILABLE.
//
// All of it happens within WRITE_ORDER_BUDGET_MS: checkout claims the payment first and must
// still answer before its function's timeout (checkout/checkoutBudget.ts). No round and no resend
// starts that could not end by then; what is still open at that point is an unknown outcome.
import {
  BatchGetItemCommand,
  type DynamoDBClient,
  DynamoDBServiceException,
  IdempotentParameterMismatchException,
  TransactionCanceledException,
  TransactionInProgressException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { observabilityOf } from '../../platform/observability.ts';
import type { OrderWrite, StockShortage } from '../domain/checkoutPorts.ts';
import type { Operation } from '../domain/checkoutRequest.ts';
import type { OrderItem } from '../../../domain/order.ts';
import { OrderOutcomeUnknownError, ServiceUnavailableError } from '../errors.ts';
import type { CheckoutTables } from './dynamodb.ts';
import { orderTransaction } from './orderTransaction.ts';

export const TRANSACTION_ATTEMPTS = 5;
/** Concurrent orders and adjustments of one product each win in turn: this many rounds when its stock moved. */
export const STOCK_MOVED_ATTEMPTS = 30;
export const BACKOFF_BASE_MS = 25;
export const STOCK_MOVED_BACKOFF_CAP_MS = 250;
const READ_ATTEMPTS = 3;
const RETRYABLE = new Set(['TransactionConflict', 'ThrottlingError']);
/** One send of the transaction is cut off after this long: a resend with its token is safe. */
export const SEND_TIMEOUT_MS = 2_000;
/**
 * The pauses before each resend of a transaction whose outcome is open: 6.25 s in all, past the
 * 5 s after which DynamoDB completes a transaction still in progress when its token comes again.
 */
export const RESEND_PAUSES_MS = [250, 500, 1_000, 2_000, 2_500] as const;
/**
 * The most a write may take, reads, rounds and resends included: no pause or send starts that
 * would end past it. Rounds whose stock moved rarely take 1 s; a table that answers nothing gets
 * three sends of its transaction within it.
 */
export const WRITE_ORDER_BUDGET_MS = 8_000;

const { logger } = observabilityOf('orders');

export async function writeOrder(
  client: DynamoDBClient,
  tables: CheckoutTables,
  order: OrderItem,
  operation: Operation,
): Promise<OrderWrite> {
  const deadline = Date.now() + WRITE_ORDER_BUDGET_MS;
  const stocks = await readStocks(
    client,
    tables.products,
    order.products.map((product) => product.productId),
  );
  let busy = 0;
  for (let moved = 0; ;) {
    const shortages = shortagesOf(order, stocks);
    if (shortages.length > 0) return { kind: 'stockShort', shortages };
    const command = new TransactWriteItemsCommand(orderTransaction(tables, order, operation, stocks, new Date().toISOString()));
    const cancellation = await sendSettled(client, command, order.orderId, deadline);
    if (!cancellation) return { kind: 'written' };
    const reasons = cancellation.CancellationReasons ?? [];
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
    const pause = Math.random() * BACKOFF_BASE_MS * 2 ** (refused.length > 0 ? Math.min(moved + 1, 6) : busy + 1);
    // Each round was cancelled, so nothing is written yet: a round that could not end in time is not started.
    const inTime = Date.now() + pause + SEND_TIMEOUT_MS <= deadline;
    if (refused.length > 0 && moved < STOCK_MOVED_ATTEMPTS - 1 && inTime) {
      moved += 1;
      await sleep(Math.min(STOCK_MOVED_BACKOFF_CAP_MS, pause));
      continue;
    }
    busy += 1;
    if (refused.length > 0 || !codes.some((code) => RETRYABLE.has(code)) || busy >= TRANSACTION_ATTEMPTS || !inTime) {
      logger.error('The order transaction was cancelled; nothing was written', { orderId: order.orderId, busy, moved, codes });
      throw new ServiceUnavailableError(
        'The order could not be written: the tables are busy. Nothing was ordered or charged; try again shortly.',
        { cause: cancellation },
      );
    }
    await sleep(pause);
  }
}

/**
 * Sends the transaction until DynamoDB settles it: undefined when it committed (on this send or
 * an earlier one), its cancellation when it did not. Throws ServiceUnavailableError when the first
 * send was refused outright (nothing written), OrderOutcomeUnknownError when no send got an answer.
 */
async function sendSettled(
  client: DynamoDBClient,
  command: TransactWriteItemsCommand,
  orderId: string,
  deadline: number,
): Promise<TransactionCanceledException | undefined> {
  let lastFailure: unknown;
  for (let send = 0; send <= RESEND_PAUSES_MS.length; send += 1) {
    if (send > 0) {
      const pause = RESEND_PAUSES_MS[send - 1]!;
      if (Date.now() + pause + SEND_TIMEOUT_MS > deadline) break;
      await sleep(pause);
    }
    try {
      await client.send(command, { abortSignal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
      return undefined;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return error;
      // Refused before it ran: nothing written, unless an earlier send of it is still unsettled.
      if (send === 0 && isRefusal(error)) {
        logger.error('The order transaction was refused; nothing was written', { orderId, error });
        throw new ServiceUnavailableError(
          'The order could not be written: the orders table refused it. Nothing was ordered or charged; try again shortly.',
          { cause: error },
        );
      }
      lastFailure = error;
      logger.warn('The order transaction got no definite answer; sending it again with its token', {
        orderId,
        send: send + 1,
        clientRequestToken: command.input.ClientRequestToken,
        error,
      });
    }
  }
  logger.error('Writing the order got no definite answer; whether it was written is unknown', { orderId, error: lastFailure });
  throw new OrderOutcomeUnknownError(orderId, { cause: lastFailure });
}

/**
 * A 4xx that says the request was not run (validation, access, throttling), to the SDK's first
 * attempt: when the SDK tried again itself, an earlier attempt (no answer) may have committed. Not
 * "in progress" nor "parameter mismatch": those say a transaction with this token exists.
 */
function isRefusal(error: unknown): boolean {
  return (
    error instanceof DynamoDBServiceException &&
    error.$fault === 'client' &&
    (error.$metadata.attempts ?? 1) <= 1 &&
    !(error instanceof TransactionInProgressException) &&
    !(error instanceof IdempotentParameterMismatchException)
  );
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
    if (attempt > 1) await sleep(Math.random() * BACKOFF_BASE_MS * 2 ** attempt);
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
