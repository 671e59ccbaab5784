// Only the order's owner may cancel it, and only while it is NEW (domain/orderLifecycle.ts): to
// anyone else their order is unknown (NotFound). The stream's OrderStatusChanged releases the
// payment and returns the stock.
import type { Context } from '@aws-appsync/utils';
import type { MutationCancelOrderArgs } from '../generated/graphql';
import { beginTransition, endTransition, type TransitionStash } from './lib/orderTransitions';

export function request(ctx: Context<MutationCancelOrderArgs, TransitionStash>): Record<string, never> {
  return beginTransition(ctx, 'cancelOrder');
}

export function response(ctx: Context<MutationCancelOrderArgs, TransitionStash>) {
  return endTransition(ctx);
}
