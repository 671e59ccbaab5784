import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryGetOrderArgs } from '../generated/graphql';
import { resultOrError } from './lib/errors';
import { isOwnerOrAdmin } from './lib/identity';
import { type OrderFields, type OrderItem, toOrder } from '../domain/order';
import { assertOrderId } from './lib/orders';

/** One order, to its owner or an admin; to anyone else null, as if it did not exist. */
export function request(ctx: Context<QueryGetOrderArgs>) {
  assertOrderId(ctx.args.orderId);
  return get<OrderItem>({ key: { orderId: ctx.args.orderId }, consistentRead: true });
}

export function response(ctx: Context<QueryGetOrderArgs>): OrderFields | null {
  const item = resultOrError<OrderItem | null>(ctx);
  if (!item || !isOwnerOrAdmin(ctx, item.userId)) {
    return null;
  }
  return toOrder(item);
}
