// Reads the order a status change names (consistently) and refuses the change before writing:
// NotFound for an unknown order (or, for an owner-only step, another user's), Conflict when the
// order is not in the step's `from` status.
import { type Context, type DynamoDBGetItemRequest, util } from '@aws-appsync/utils';
import { ErrorType, resultOrError } from '../lib/errors';
import { type TransitionStash, wrongStatusMessage } from '../lib/orderTransitions';
import type { OrderItem } from '../../domain/order';
import { orderNotFoundMessage } from '../lib/orders';

interface Args {
  orderId: string;
}

export function request(ctx: Context<Args, TransitionStash>): DynamoDBGetItemRequest {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ orderId: ctx.args.orderId }), consistentRead: true };
}

export function response(ctx: Context<Args, TransitionStash>): OrderItem {
  const order = resultOrError<OrderItem | null>(ctx);
  const { from, ownerId } = ctx.stash.transition;
  if (!order || (ownerId !== null && order.userId !== ownerId)) {
    util.error(orderNotFoundMessage(ctx.args.orderId), ErrorType.NotFound);
  }
  if (order.status !== from) {
    util.error(wrongStatusMessage(order.orderId, order.status, ctx.info.fieldName, from), ErrorType.Conflict);
  }
  return order;
}
