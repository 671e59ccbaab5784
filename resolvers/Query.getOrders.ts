import type { Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import type { Order, OrderPage, QueryGetOrdersArgs } from '../generated/graphql';
import { callerId } from './lib/identity';
import { type OrderItem, toOrder } from '../domain/order';
import { pageOrError, pageRequest } from './lib/page';

/** The caller's own orders, newest first, through the byUser index. */
export function request(ctx: Context<QueryGetOrdersArgs>) {
  return query<OrderItem>({
    index: 'byUser',
    query: { userId: { eq: callerId(ctx) } },
    scanIndexForward: false,
    ...pageRequest(ctx.args),
  });
}

export function response(ctx: Context<QueryGetOrdersArgs>): OrderPage {
  const page = pageOrError<OrderItem>(ctx);
  const orders: Order[] = [];
  for (const item of page.items) {
    orders.push(toOrder(item));
  }
  return { orders, nextToken: page.nextToken };
}
