import type { Context } from '@aws-appsync/utils';
import type { MutationCompleteDeliveryArgs } from '../generated/graphql';
import { beginTransition, endTransition, type TransitionStash } from './lib/orderTransitions';

export function request(ctx: Context<MutationCompleteDeliveryArgs, TransitionStash>): Record<string, never> {
  return beginTransition(ctx, 'completeDelivery');
}

export function response(ctx: Context<MutationCompleteDeliveryArgs, TransitionStash>) {
  return endTransition(ctx);
}
