import type { Context } from '@aws-appsync/utils';
import type { MutationStartDeliveryArgs } from '../generated/graphql';
import { beginTransition, endTransition, type TransitionStash } from './lib/orderTransitions';

export function request(ctx: Context<MutationStartDeliveryArgs, TransitionStash>): Record<string, never> {
  return beginTransition(ctx, 'startDelivery');
}

export function response(ctx: Context<MutationStartDeliveryArgs, TransitionStash>) {
  return endTransition(ctx);
}
