// The payments table's gateway payments: one item per order (`gateway:<orderId>`), PENDING until
// the gateway's callback or the sweep's query settles it. Every write is conditional on PENDING,
// so a callback sent five times, a late one, and the sweep racing a callback settle it once.
import { ConditionalCheckFailedException, DeleteItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { config } from '../config.ts';
import { gatewayPaymentToken, type Payment, type PaymentStatus } from '../domain/payment.ts';
import { paymentsClient } from './paymentsTable.ts';

const PENDING_GATEWAY_INDEX = 'pendingGateway';
const PENDING: PaymentStatus = 'PENDING';

/** Deletes the order's gateway payment if it is still PENDING; false when there was none to delete. */
export async function deletePendingGatewayPayment(orderId: string): Promise<boolean> {
  try {
    await paymentsClient.send(
      new DeleteItemCommand({
        TableName: config.paymentsTable,
        Key: marshall({ paymentToken: gatewayPaymentToken(orderId) }),
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':pending': PENDING }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Records the payment made at the gateway: CAPTURED (a gateway takes the money when paid), all of
 * it refundable. False when it is not PENDING (any more): settled by an earlier callback or the sweep.
 */
export async function recordGatewayPaid(
  payment: Payment,
  gatewayTransId: string,
  settledBy: 'callback' | 'sweep',
  now: Date,
): Promise<boolean> {
  return updatePending(payment.paymentToken, {
    update:
      'SET #status = :captured, capturedAmount = :amount, refundableAmount = :amount, gatewayTransId = :transId, settledBy = :by, modifiedDate = :now REMOVE pendingGateway',
    values: {
      ':captured': 'CAPTURED',
      ':amount': payment.amount,
      ':transId': gatewayTransId,
      ':by': settledBy,
      ':now': now.toISOString(),
    },
  });
}

/** Records that the payment will not be made: FAILED (with the gateway's reason) or EXPIRED; only the sweep learns it. */
export async function recordGatewayClosed(
  paymentToken: string,
  status: 'FAILED' | 'EXPIRED',
  failure: string,
  now: Date,
): Promise<boolean> {
  return updatePending(paymentToken, {
    update: 'SET #status = :status, failure = :failure, settledBy = :by, modifiedDate = :now REMOVE pendingGateway',
    values: { ':status': status, ':failure': failure, ':by': 'sweep', ':now': now.toISOString() },
  });
}

/** A callback refused (its amount or transaction did not match): kept on the payment for an operator. */
export async function recordRejectedCallback(
  paymentToken: string,
  rejection: { reason: string; gatewayTransId?: string; amount?: number },
  now: Date,
): Promise<void> {
  await paymentsClient.send(
    new UpdateItemCommand({
      TableName: config.paymentsTable,
      Key: marshall({ paymentToken }),
      UpdateExpression:
        'SET lastRejectedCallback = :rejection, rejectedCallbacks = if_not_exists(rejectedCallbacks, :zero) + :one',
      ConditionExpression: 'attribute_exists(paymentToken)',
      ExpressionAttributeValues: marshall(
        { ':rejection': { ...rejection, at: now.toISOString() }, ':zero': 0, ':one': 1 },
        { removeUndefinedValues: true },
      ),
    }),
  );
}

/** Gateway payments still PENDING that were created before `createdBefore`, oldest first. */
export async function findPendingGatewayPayments(createdBefore: Date, limit: number): Promise<Payment[]> {
  const { Items } = await paymentsClient.send(
    new QueryCommand({
      TableName: config.paymentsTable,
      IndexName: PENDING_GATEWAY_INDEX,
      KeyConditionExpression: 'pendingGateway = :pending AND createdDate < :before',
      ExpressionAttributeValues: marshall({ ':pending': PENDING, ':before': createdBefore.toISOString() }),
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => unmarshall(item) as Payment);
}

async function updatePending(paymentToken: string, write: { update: string; values: Record<string, unknown> }): Promise<boolean> {
  try {
    await paymentsClient.send(
      new UpdateItemCommand({
        TableName: config.paymentsTable,
        Key: marshall({ paymentToken }),
        UpdateExpression: write.update,
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ...write.values, ':pending': PENDING }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
