// An order's status moved by something other than a resolver (a payment's outcome), with the same
// write the status resolvers make: conditional on the `from` status, so that the step is taken at
// most once and a late or repeated event never moves an order backwards.
import { ConditionalCheckFailedException, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { OrderStatus } from '../../../generated/graphql.ts';
import type { StatusReason } from '../../../domain/orderLifecycle.ts';
import { config } from '../config.ts';
import { dynamodb } from './dynamodb.ts';

export interface StatusStep {
  readonly orderId: string;
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  /** The order's statusReason after the step; null removes any. */
  readonly reason: StatusReason | null;
}

/** True when the step was taken; false when the order is not (or no longer) in `from`, or is not there. */
export async function takeStatusStep(step: StatusStep, now: Date): Promise<boolean> {
  const values: Record<string, unknown> = { ':from': step.from, ':to': step.to, ':now': now.toISOString() };
  let update = 'SET #status = :to, modifiedDate = :now, previousStatus = :from';
  if (step.reason) {
    update += ', statusReason = :reason';
    values[':reason'] = step.reason;
  } else {
    update += ' REMOVE statusReason';
  }
  try {
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: config.ordersTable,
        Key: marshall({ orderId: step.orderId }),
        UpdateExpression: update,
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall(values),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
