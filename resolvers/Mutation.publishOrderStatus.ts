import type { Context } from '@aws-appsync/utils';
import type { MutationPublishOrderStatusArgs, OrderStatusUpdate } from '../generated/graphql';
import { resultOrError } from './lib/errors';

/**
 * An order's status change, as the EventBridge rule `publish-order-status` sends it (IAM only, by
 * the schema). Nothing is stored: the update is the result, and through `@aws_subscribe` it goes
 * to the `onOrderStatusChanged` subscribers whose filter it passes.
 */
export function request(ctx: Context<MutationPublishOrderStatusArgs>) {
  const { orderId, userId, status, previousStatus, statusReason, modifiedDate } = ctx.args.input;
  return {
    payload: {
      orderId,
      userId,
      status,
      previousStatus: previousStatus ?? null,
      statusReason: statusReason ?? null,
      modifiedDate,
    },
  };
}

export function response(ctx: Context<MutationPublishOrderStatusArgs>) {
  return resultOrError<OrderStatusUpdate>(ctx);
}
