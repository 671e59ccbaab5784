import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { Delivery, QueryGetDeliveryArgs } from '../generated/graphql';
import { resultOrError } from './lib/errors';
import { type OrderItem, toDelivery } from '../domain/order';
import { assertOrderId } from './lib/orders';

/** One order's delivery (where it goes), whatever its status; null when unknown. */
export function request(ctx: Context<QueryGetDeliveryArgs>) {
  assertOrderId(ctx.args.orderId);
  return get<OrderItem>({ key: { orderId: ctx.args.orderId }, consistentRead: true });
}

export function response(ctx: Context<QueryGetDeliveryArgs>): Delivery | null {
  const item = resultOrError<OrderItem | null>(ctx);
  return item ? toDelivery(item) : null;
}
