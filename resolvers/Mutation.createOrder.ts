import type { Context, HTTPRequest } from '@aws-appsync/utils';
import type { CreateOrderResponse, MutationCreateOrderArgs } from '../generated/graphql';
import { ordersServiceRequest, toCreateOrderResponse } from './lib/ordersService';

/** Places an order for the products given, through the orders service's POST /orders. */
export function request(ctx: Context<MutationCreateOrderArgs>): HTTPRequest<string> {
  return ordersServiceRequest(ctx, '/orders', { order: ctx.args.order, idempotencyKey: ctx.args.idempotencyKey ?? null });
}

export function response(ctx: Context<MutationCreateOrderArgs>): CreateOrderResponse {
  return toCreateOrderResponse(ctx);
}
