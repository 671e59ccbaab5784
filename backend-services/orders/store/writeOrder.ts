// Placing an order in one transaction (orderTransaction.ts), and what its cancellation means:
//   the order's condition failed → it exists already (an earlier attempt of the request);
//   a product's condition failed → its stock is short, or it is gone (no old item);
//   a conflict with another transaction on the same items (AWS cancels rather than queues) or
//   throttling → tried again with jittered backoff, then SERVICE_UNAVAILABLE.
// Any other error (no answer) leaves the outcome unknown: it is logged and thrown as it is.
import {
  type CancellationReason,
  type DynamoDBClient,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { observabilityOf } from '../../platform/observability.ts';
import type { OrderWrite, StockShortage } from '../domain/checkoutPorts.ts';
import type { Operation } from '../domain/checkoutRequest.ts';
import type { OrderItem } from '../../../domain/order.ts';
import { ServiceUnavailableError } from '../errors.ts';
import type { CheckoutTables } from './dynamodb.ts';
import { orderTransactionItems } from './orderTransaction.ts';

export const TRANSACTION_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 25;
const RETRYABLE = new Set(['TransactionConflict', 'ThrottlingError']);

const { logger } = observabilityOf('orders');

export async function writeOrder(
  client: DynamoDBClient,
  tables: CheckoutTables,
  order: OrderItem,
  operation: Operation,
): Promise<OrderWrite> {
  const command = new TransactWriteItemsCommand({ TransactItems: orderTransactionItems(tables, order, operation) });
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(command);
      return { kind: 'written' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) {
        logger.error('Writing the order got no answer; whether it was written is unknown', {
          orderId: order.orderId,
          attempt,
          error,
        });
        throw error;
      }
      const reasons = error.CancellationReasons ?? [];
      const refusal = refusalOf(reasons, order);
      if (refusal) return refusal;
      const codes = reasons.map((reason) => reason.Code ?? 'None');
      if (!codes.some((code) => RETRYABLE.has(code)) || attempt >= TRANSACTION_ATTEMPTS) {
        logger.error('The order transaction was cancelled; nothing was written', { orderId: order.orderId, attempt, codes });
        throw new ServiceUnavailableError(
          'The order could not be written: the tables are busy. Nothing was ordered or charged; try again shortly.',
          { cause: error },
        );
      }
      await sleep(Math.random() * BACKOFF_BASE_MS * 2 ** attempt);
    }
  }
}

function refusalOf(reasons: readonly CancellationReason[], order: OrderItem): OrderWrite | undefined {
  if (reasons[0]?.Code === 'ConditionalCheckFailed') return { kind: 'exists' };
  const shortages = order.products.flatMap((product, index): StockShortage[] => {
    const reason = reasons[index + 1];
    if (reason?.Code !== 'ConditionalCheckFailed') return [];
    const old = reason.Item ? (unmarshall(reason.Item) as { stock?: unknown }) : undefined;
    return [
      old
        ? { productId: product.productId, stock: typeof old.stock === 'number' ? old.stock : 0 }
        : { productId: product.productId },
    ];
  });
  return shortages.length > 0 ? { kind: 'stockShort', shortages } : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
