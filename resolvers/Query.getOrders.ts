// The caller's own orders, newest first: a page from the orders table, and, when the query asks
// for them, the page's payments in one call to the payment service.
import type { Context } from '@aws-appsync/utils';
import type { OrderPage, QueryGetOrdersArgs } from '../generated/graphql';
import { callerId } from './lib/identity';

export function request(ctx: Context<QueryGetOrdersArgs>): Record<string, never> {
  callerId(ctx);
  return {};
}

export function response(ctx: Context<QueryGetOrdersArgs>): OrderPage {
  return ctx.prev.result as OrderPage;
}
