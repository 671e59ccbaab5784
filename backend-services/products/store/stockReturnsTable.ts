// The only code that talks to the stock-returns ledger. An order's stock goes back in one
// transaction with the return's record and one ORDER_RETURNED movement per line: the record's
// condition (none yet for the order) makes a repeated event change nothing, and each product's
// condition (its stock is still the one read, which also requires it to exist) keeps a deleted
// product from coming back as a bare stock counter and makes each movement's stockAfter exact.
import { TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { STOCK_REASONS, SYSTEM_ACTOR } from '../../../domain/stockMovement.ts';
import { dynamoDbClient } from '../../platform/awsClients.ts';
import { config } from '../config.ts';
import type { StockReturnRecord } from '../domain/stockReturnRecord.ts';
import { type ItemRefusal, isRetryable, movementPut, refusalOf, stockSet } from './stockLedger.ts';

const client = dynamoDbClient({ region: config.region, endpoint: config.dynamodbEndpoint });

/**
 * `returned`: the record is written and its lines are back in stock. `already-returned`: the
 * order has a record already; nothing changed. `refused`: a product is gone or its stock moved
 * since it was read (each line's refusal, by product id); nothing changed. `busy`: a conflict
 * with another transaction, or throttling; nothing changed. Anything else throws.
 */
export type StockReturnOutcome =
  | { readonly kind: 'returned' | 'already-returned' | 'busy' }
  | { readonly kind: 'refused'; readonly products: ReadonlyMap<string, ItemRefusal> };

/** `stocks`: each returned line's product's stock as read. */
export async function writeStockReturn(
  record: StockReturnRecord,
  stocks: ReadonlyMap<string, number>,
): Promise<StockReturnOutcome> {
  const lines = record.products.map(({ productId, quantity }) => ({ productId, quantity, old: stocks.get(productId)! }));
  try {
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: config.stockReturnsTable,
              Item: marshall(record, { removeUndefinedValues: true }),
              ConditionExpression: 'attribute_not_exists(orderId)',
            },
          },
          ...lines.map(({ productId, quantity, old }) => stockSet(productId, old, old + quantity)),
          ...lines.map(({ productId, quantity, old }) =>
            movementPut(
              {
                productId,
                delta: quantity,
                reason: STOCK_REASONS.orderReturned,
                orderId: record.orderId,
                actor: SYSTEM_ACTOR,
                at: record.returnedDate,
                stockAfter: old + quantity,
              },
              `return-${record.orderId}`,
            ),
          ),
        ],
      }),
    );
    return { kind: 'returned' };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    if (reasons[0]?.Code === 'ConditionalCheckFailed') return { kind: 'already-returned' };
    const refusals = new Map(lines.map(({ productId }, index) => [productId, refusalOf(reasons[index + 1])]));
    if ([...refusals.values()].some((refusal) => refusal.kind === 'gone' || refusal.kind === 'moved')) {
      return { kind: 'refused', products: refusals };
    }
    if (isRetryable(reasons)) return { kind: 'busy' };
    throw error;
  }
}
