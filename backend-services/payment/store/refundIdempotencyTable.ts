// The only code that talks to the refund-idempotency table: one item per idempotency key of
// POST /payments/refund, holding what the key was first used for. Written once, never changed.
import { ConditionalCheckFailedException, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamoDbClient } from '../../platform/awsClients.ts';
import { config } from '../config.ts';
import type { RefundKeyClaim } from '../refunds/refundRules.ts';

const client = dynamoDbClient({ region: config.region, endpoint: config.dynamodbEndpoint });

/** Claims the key for the candidate's request, unless it is claimed already; answers the claim the table holds. */
export async function claimRefundKey(candidate: RefundKeyClaim): Promise<RefundKeyClaim> {
  try {
    await client.send(
      new PutItemCommand({
        TableName: config.refundIdempotencyTable,
        Item: marshall(candidate),
        ConditionExpression: 'attribute_not_exists(idempotencyKey)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return candidate;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    if (!error.Item)
      throw new Error('The refund-idempotency table refused a claim without returning the claim it holds.', { cause: error });
    return unmarshall(error.Item) as RefundKeyClaim;
  }
}
