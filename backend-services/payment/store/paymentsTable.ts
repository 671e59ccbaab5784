// The only code that talks to the payments table: one item per payment token, claimed by one
// order. Every write is conditional, so that concurrent or repeated calls cannot undo each other.
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandOutput,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamoDbClient } from '../../platform/awsClients.ts';
import { config } from '../config.ts';
import type { Payment, PaymentStatus } from '../domain/payment.ts';

/** The one DynamoDB client of the service's table (store/gatewayPayments.ts shares it). */
export const paymentsClient = dynamoDbClient({ region: config.region, endpoint: config.dynamodbEndpoint });
const client = paymentsClient;

/** The index that finds an order's payment (partition key orderId). */
const BY_ORDER_INDEX = 'byOrder';

/**
 * Claims the token for the candidate's order, unless it is claimed already. Answers the token's
 * payment as the table holds it afterwards: the candidate, or the claim found, of this order (a
 * repeated call, which changes nothing) or of another.
 */
export async function claimPayment(candidate: Payment): Promise<Payment> {
  try {
    await client.send(
      new PutItemCommand({
        TableName: config.paymentsTable,
        Item: marshall(candidate),
        ConditionExpression: 'attribute_not_exists(paymentToken)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return candidate;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    if (!error.Item)
      throw new Error('The payments table refused a claim without returning the claim it holds.', { cause: error });
    return toPayment(error.Item);
  }
}

/** Deletes the order's claim on the token if it is still AUTHORIZED; false when there was none to delete. */
export async function deleteAuthorizedClaim(orderId: string, paymentToken: string): Promise<boolean> {
  try {
    await client.send(
      new DeleteItemCommand({
        TableName: config.paymentsTable,
        Key: marshall({ paymentToken }),
        ConditionExpression: 'orderId = :orderId AND #status = :authorized',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':orderId': orderId, ':authorized': 'AUTHORIZED' satisfies PaymentStatus }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * The payments of an order (one, by the orders service's use). The index only finds the tokens,
 * and may lag its table; each payment is then read strongly consistently, as it is now.
 */
export async function findOrderPayments(orderId: string): Promise<Payment[]> {
  const tokens: string[] = [];
  let startKey: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const result = await client.send(
      new QueryCommand({
        TableName: config.paymentsTable,
        IndexName: BY_ORDER_INDEX,
        KeyConditionExpression: 'orderId = :orderId',
        ExpressionAttributeValues: marshall({ ':orderId': orderId }),
        ProjectionExpression: 'paymentToken',
        ExclusiveStartKey: startKey,
      }),
    );
    tokens.push(...(result.Items ?? []).map((item) => toPayment(item).paymentToken));
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  const payments = await Promise.all(tokens.map(getPayment));
  // A claim voided since the index was read is gone, and no longer the order's.
  return payments.filter((payment): payment is Payment => payment?.orderId === orderId);
}

/** One payment, strongly consistently. */
export async function getPayment(paymentToken: string): Promise<Payment | undefined> {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: config.paymentsTable, Key: marshall({ paymentToken }), ConsistentRead: true }),
  );
  return Item ? toPayment(Item) : undefined;
}

/**
 * Moves an AUTHORIZED payment to CAPTURED (`amount` captured, and refundable from then on) or
 * RELEASED; false when it is not AUTHORIZED (any more).
 */
export async function settleAuthorizedPayment(
  payment: Pick<Payment, 'paymentToken' | 'amount'>,
  status: 'CAPTURED' | 'RELEASED',
  now: Date,
): Promise<boolean> {
  const captured = status === 'CAPTURED' ? payment.amount : 0;
  try {
    await client.send(
      new UpdateItemCommand({
        TableName: config.paymentsTable,
        Key: marshall({ paymentToken: payment.paymentToken }),
        UpdateExpression: 'SET #status = :status, modifiedDate = :now, capturedAmount = :captured, refundableAmount = :captured',
        ConditionExpression: '#status = :authorized',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({
          ':status': status,
          ':now': now.toISOString(),
          ':captured': captured,
          ':authorized': 'AUTHORIZED' satisfies PaymentStatus,
        }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

// The table holds nothing but payments, written by claimPayment.
function toPayment(item: Parameters<typeof unmarshall>[0]): Payment {
  return unmarshall(item) as Payment;
}
