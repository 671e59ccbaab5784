import type { Context } from '@aws-appsync/utils';
import type { MutationFailPackagingArgs } from '../generated/graphql';
import { beginTransition, endTransition, type TransitionStash } from './lib/orderTransitions';

export function request(ctx: Context<MutationFailPackagingArgs, TransitionStash>): Record<string, never> {
  return beginTransition(ctx, 'PACKAGING', 'PACKAGING_FAILED');
}

export function response(ctx: Context<MutationFailPackagingArgs, TransitionStash>) {
  return endTransition(ctx);
}
