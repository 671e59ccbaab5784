import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { PackagingRequest, QueryGetPackagingRequestArgs } from '../generated/graphql';
import { resultOrError } from './lib/errors';
import { type OrderItem, toPackagingRequest } from '../domain/order';
import { assertOrderId } from './lib/orders';

/** One order's pick list, whatever its status; null when unknown. */
export function request(ctx: Context<QueryGetPackagingRequestArgs>) {
  assertOrderId(ctx.args.orderId);
  return get<OrderItem>({ key: { orderId: ctx.args.orderId }, consistentRead: true });
}

export function response(ctx: Context<QueryGetPackagingRequestArgs>): PackagingRequest | null {
  const item = resultOrError<OrderItem | null>(ctx);
  return item ? toPackagingRequest(item) : null;
}
