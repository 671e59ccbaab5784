import type { Context } from '@aws-appsync/utils';
import type { MutationFailDeliveryArgs } from '../generated/graphql';
import { beginTransition, endTransition, type TransitionStash } from './lib/orderTransitions';

export function request(ctx: Context<MutationFailDeliveryArgs, TransitionStash>): Record<string, never> {
  return beginTransition(ctx, 'failDelivery');
}

export function response(ctx: Context<MutationFailDeliveryArgs, TransitionStash>) {
  return endTransition(ctx);
}
