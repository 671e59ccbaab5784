import type { Context } from '@aws-appsync/utils';
import type { MutationCompletePackagingArgs } from '../generated/graphql';
import { beginTransition, endTransition, type TransitionStash } from './lib/orderTransitions';

export function request(ctx: Context<MutationCompletePackagingArgs, TransitionStash>): Record<string, never> {
  return beginTransition(ctx, 'completePackaging');
}

export function response(ctx: Context<MutationCompletePackagingArgs, TransitionStash>) {
  return endTransition(ctx);
}
