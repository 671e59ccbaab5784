// The stock ledger's items as this service writes them: each a Put inside the transaction that
// changes the stock (domain/stockMovement.ts says why), and the stock write it goes with. Every
// stock write is conditional on the stock read (`stock = :old`), never a blind ADD: that is what
// makes `stockAfter` exact. A write refused because the stock moved meanwhile is tried again
// from the value the refusal returns (ALL_OLD), with jittered backoff.
import type { CancellationReason, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type StockMovement, stockMovementItem } from '../../../domain/stockMovement.ts';
import { config } from '../config.ts';
import type { Product } from '../domain/product.ts';

/** Concurrent stock writes on one product each win in turn: this many attempts before giving up. */
export const STOCK_WRITE_ATTEMPTS = 30;
const BACKOFF_BASE_MS = 10;
const BACKOFF_CAP_MS = 250;

export function movementPut(movement: StockMovement, movementId: string): TransactWriteItem {
  return {
    Put: {
      TableName: config.stockMovementsTable,
      Item: marshall(stockMovementItem(movement, movementId), { removeUndefinedValues: true }),
      ConditionExpression: 'attribute_not_exists(movementKey)',
    },
  };
}

/** `SET stock = :new` on the product, if its stock is still `old` (which also requires it to exist). */
export function stockSet(productId: string, old: number, stockAfter: number): TransactWriteItem {
  return {
    Update: {
      TableName: config.productsTable,
      Key: marshall({ productId }),
      UpdateExpression: 'SET stock = :new',
      ConditionExpression: 'stock = :old',
      ExpressionAttributeValues: marshall({ ':new': stockAfter, ':old': old }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/**
 * What a refused item of a transaction says: `ok` (not refused), `gone` (its condition failed on
 * no item), `moved` (it failed on this item, as it is now), or `busy` (a conflict with another
 * transaction, or throttling: try again as it was).
 */
export type ItemRefusal =
  | { readonly kind: 'ok' }
  | { readonly kind: 'gone' }
  | { readonly kind: 'moved'; readonly item: Product }
  | { readonly kind: 'busy' };

export function refusalOf(reason: CancellationReason | undefined): ItemRefusal {
  const code = reason?.Code ?? 'None';
  if (code === 'None') return { kind: 'ok' };
  if (code === 'ConditionalCheckFailed') {
    return reason?.Item ? { kind: 'moved', item: unmarshall(reason.Item) as Product } : { kind: 'gone' };
  }
  return { kind: 'busy' };
}

export function isRetryable(reasons: readonly CancellationReason[]): boolean {
  return reasons.some((reason) => reason.Code === 'TransactionConflict' || reason.Code === 'ThrottlingError');
}

export function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 8));
  return new Promise((resolve) => setTimeout(resolve, ms));
}
