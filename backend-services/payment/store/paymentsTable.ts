// The only code that talks to the payments table: one item per payment token, claimed by one
// order. Every write is conditional, so that concurrent or repeated calls cannot undo each other.
// A refund is written in steps, each conditional on the one before (refunds/refundPayment.ts):
// reserved (PENDING, its amount taken from refundableAmount), then SUCCEEDED (refundedAmount
// grows) or FAILED (the amount given back to refundableAmount).
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
import { capturedAmountOf, type Payment, type PaymentStatus, type RefundRecord } from '../domain/payment.ts';

/** The one DynamoDB client of the service's table (store/gatewayPayments.ts shares it). */
export const paymentsClient = dynamoDbClient({ region: config.region, endpoint: config.dynamodbEndpoint });
const client = paymentsClient;

/** The index that finds an order's payment (partition key orderId). */
const BY_ORDER_INDEX = 'byOrder';

/**
 * Writes the candidate unless its key is taken: a card token claimed for an order, or an order's
 * gateway payment. Answers the payment the table holds under the key afterwards: the candidate,
 * or the one found, of this order (a repeated call, which changes nothing) or of another.
 */
export async function insertPayment(candidate: Payment): Promise<Payment> {
  try {
    await client.send(
      new PutItemCommand({
        TableName: config.paymentsTable,
        Item: marshall(candidate, { removeUndefinedValues: true }),
        ConditionExpression: 'attribute_not_exists(paymentToken)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return candidate;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    if (!error.Item)
      throw new Error('The payments table refused a payment without returning the one it holds.', { cause: error });
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

/**
 * A conditional write's outcome: the payment as written, or, when the condition did not hold, as
 * the table holds it (undefined: there is none).
 */
export type PaymentWrite =
  { readonly written: true; readonly payment: Payment } | { readonly written: false; readonly payment: Payment | undefined };

/**
 * Gives a payment written before refunds existed what they count on: capturedAmount (as
 * capturedAmountOf infers it from the status read, so only while the status is still that one),
 * refundedAmount, refundableAmount and an empty refunds map. What is there already is kept.
 */
export function prepareForRefunds(payment: Payment): Promise<PaymentWrite> {
  const captured = capturedAmountOf(payment);
  return updatePayment(payment.paymentToken, {
    UpdateExpression:
      'SET capturedAmount = if_not_exists(capturedAmount, :captured), refundedAmount = if_not_exists(refundedAmount, :zero), ' +
      'refundableAmount = if_not_exists(refundableAmount, :refundable), refunds = if_not_exists(refunds, :none)',
    ConditionExpression: '#status = :status',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':captured': captured,
      ':zero': 0,
      ':refundable': captured - (payment.refundedAmount ?? 0),
      ':none': {},
      ':status': payment.status,
    },
  });
}

/**
 * Reserves a refund under its idempotency key: its amount is taken from refundableAmount, which
 * must hold it, and the PENDING record is put under the key, which must be free. So concurrent
 * refunds never reserve more than was captured, and a key reserves once.
 */
export function reserveRefund(paymentToken: string, key: string, record: RefundRecord): Promise<PaymentWrite> {
  return updatePayment(paymentToken, {
    UpdateExpression: 'SET refundableAmount = refundableAmount - :amount, refunds.#key = :record',
    ConditionExpression:
      '#status IN (:captured, :partial) AND refundableAmount >= :amount AND attribute_not_exists(refunds.#key)',
    ExpressionAttributeNames: { '#status': 'status', '#key': key },
    ExpressionAttributeValues: {
      ':amount': record.amount,
      ':record': record,
      ':captured': 'CAPTURED' satisfies PaymentStatus,
      ':partial': 'PARTIALLY_REFUNDED' satisfies PaymentStatus,
    },
  });
}

/**
 * Records the key's PENDING refund done at the provider: refundedAmount grows by its amount from
 * `refundedBefore` (the condition: so the `status` computed from it holds), the record SUCCEEDED.
 */
export function completeRefund(
  paymentToken: string,
  key: string,
  outcome: { readonly amount: number; readonly refundedBefore: number; readonly status: PaymentStatus },
  now: Date,
): Promise<PaymentWrite> {
  return updatePayment(paymentToken, {
    UpdateExpression:
      'SET refundedAmount = refundedAmount + :amount, #status = :status, modifiedDate = :now, ' +
      'refunds.#key.#status = :succeeded, refunds.#key.modifiedDate = :now',
    ConditionExpression: 'refunds.#key.#status = :pending AND refundedAmount = :before',
    ExpressionAttributeNames: { '#status': 'status', '#key': key },
    ExpressionAttributeValues: {
      ':amount': outcome.amount,
      ':before': outcome.refundedBefore,
      ':status': outcome.status,
      ':now': now.toISOString(),
      ':succeeded': 'SUCCEEDED' satisfies RefundRecord['status'],
      ':pending': 'PENDING' satisfies RefundRecord['status'],
    },
  });
}

/** Records the key's PENDING refund refused by the provider: FAILED, with why, and its amount refundable again. */
export function failRefund(paymentToken: string, key: string, amount: number, failure: string, now: Date): Promise<PaymentWrite> {
  return updatePayment(paymentToken, {
    UpdateExpression:
      'SET refundableAmount = refundableAmount + :amount, refunds.#key.#status = :failed, ' +
      'refunds.#key.failure = :failure, refunds.#key.modifiedDate = :now',
    ConditionExpression: 'refunds.#key.#status = :pending',
    ExpressionAttributeNames: { '#status': 'status', '#key': key },
    ExpressionAttributeValues: {
      ':amount': amount,
      ':failure': failure,
      ':now': now.toISOString(),
      ':failed': 'FAILED' satisfies RefundRecord['status'],
      ':pending': 'PENDING' satisfies RefundRecord['status'],
    },
  });
}

/**
 * Records an AUTHORIZED payment released at the provider on a refund request: RELEASED, nothing
 * captured, and the request's record (SUCCEEDED) under its key, so that the key answers the same.
 */
export function recordRefundRelease(paymentToken: string, key: string, record: RefundRecord, now: Date): Promise<PaymentWrite> {
  return updatePayment(paymentToken, {
    UpdateExpression:
      'SET #status = :released, modifiedDate = :now, capturedAmount = :zero, refundableAmount = :zero, refunds.#key = :record',
    ConditionExpression: '#status = :authorized AND attribute_not_exists(refunds.#key)',
    ExpressionAttributeNames: { '#status': 'status', '#key': key },
    ExpressionAttributeValues: {
      ':released': 'RELEASED' satisfies PaymentStatus,
      ':now': now.toISOString(),
      ':zero': 0,
      ':record': record,
      ':authorized': 'AUTHORIZED' satisfies PaymentStatus,
    },
  });
}

type PaymentUpdate = Required<
  Pick<
    ConstructorParameters<typeof UpdateItemCommand>[0],
    'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames'
  >
> & { readonly ExpressionAttributeValues: Record<string, unknown> };

async function updatePayment(paymentToken: string, update: PaymentUpdate): Promise<PaymentWrite> {
  try {
    const { Attributes } = await client.send(
      new UpdateItemCommand({
        TableName: config.paymentsTable,
        Key: marshall({ paymentToken }),
        ...update,
        ExpressionAttributeValues: marshall(update.ExpressionAttributeValues, { removeUndefinedValues: true }),
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    if (!Attributes) throw new Error('The payments table answered an update without the item.');
    return { written: true, payment: toPayment(Attributes) };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return { written: false, payment: error.Item ? toPayment(error.Item) : undefined };
  }
}

// The table holds nothing but payments, written by insertPayment.
function toPayment(item: Parameters<typeof unmarshall>[0]): Payment {
  return unmarshall(item) as Payment;
}
