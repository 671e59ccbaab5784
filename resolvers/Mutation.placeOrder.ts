import type { Context, HTTPRequest } from '@aws-appsync/utils';
import type { CreateOrderResponse, MutationPlaceOrderArgs } from '../generated/graphql';
import { ordersServiceRequest, toCreateOrderResponse } from './lib/ordersService';

/** Checks out the caller's cart through the orders service's POST /checkout (which empties it). */
export function request(ctx: Context<MutationPlaceOrderArgs>): HTTPRequest<string> {
  return ordersServiceRequest(ctx, '/checkout', { input: ctx.args.input, idempotencyKey: ctx.args.idempotencyKey ?? null });
}

export function response(ctx: Context<MutationPlaceOrderArgs>): CreateOrderResponse {
  return toCreateOrderResponse(ctx);
}
