import type { Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import type { QueryGetOrdersArgs } from '../../generated/graphql';
import { type OrderFields, type OrderItem, toOrder } from '../../domain/order';
import { callerId } from '../lib/identity';
import { pageOrError, pageRequest } from '../lib/page';

/** The caller's own orders, newest first, through the byUser index. */
export function request(ctx: Context<QueryGetOrdersArgs>) {
  return query<OrderItem>({
    index: 'byUser',
    query: { userId: { eq: callerId(ctx) } },
    scanIndexForward: false,
    ...pageRequest(ctx.args),
  });
}

export function response(ctx: Context<QueryGetOrdersArgs>): { orders: OrderFields[]; nextToken: string | null } {
  const page = pageOrError<OrderItem>(ctx);
  const orders: OrderFields[] = [];
  for (const item of page.items) {
    orders.push(toOrder(item));
  }
  return { orders, nextToken: page.nextToken };
}
