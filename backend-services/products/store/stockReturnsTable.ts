// The only code that talks to the stock-returns ledger. An order's stock goes back in one
// transaction with its ledger entry: the entry's condition (none yet for the order) makes a
// repeated event change nothing, and each product's condition (it still exists) keeps a deleted
// product from coming back as a bare stock counter.
import { TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { dynamoDbClient } from '../../platform/awsClients.ts';
import { config } from '../config.ts';
import type { StockReturnRecord } from '../domain/stockReturnRecord.ts';

const client = dynamoDbClient({ region: config.region, endpoint: config.dynamodbEndpoint });

/**
 * `returned`: the record is written and its lines are back in stock. `already-returned`: the
 * order has a record already; nothing changed. `product-missing`: a line's product no longer
 * exists; nothing changed. Anything else (a TransactionConflict with a concurrent write
 * included) throws, for the event to be retried.
 */
export type StockReturnOutcome = 'returned' | 'already-returned' | 'product-missing';

export async function writeStockReturn(record: StockReturnRecord): Promise<StockReturnOutcome> {
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
          ...record.products.map(({ productId, quantity }) => ({
            Update: {
              TableName: config.productsTable,
              Key: marshall({ productId }),
              UpdateExpression: 'SET stock = stock + :quantity',
              ConditionExpression: 'attribute_exists(productId)',
              ExpressionAttributeValues: marshall({ ':quantity': quantity }),
            },
          })),
        ],
      }),
    );
    return 'returned';
  } catch (error) {
    const outcome = error instanceof TransactionCanceledException ? outcomeOf(error) : undefined;
    if (!outcome) throw error;
    return outcome;
  }
}

/** The reasons are in the order of the items: the ledger entry first, then one per product. */
function outcomeOf(error: TransactionCanceledException): StockReturnOutcome | undefined {
  const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
  if (codes[0] === 'ConditionalCheckFailed') return 'already-returned';
  const productCodes = codes.slice(1);
  if (
    productCodes.includes('ConditionalCheckFailed') &&
    productCodes.every((code) => code === 'None' || code === 'ConditionalCheckFailed')
  ) {
    return 'product-missing';
  }
  return undefined;
}
