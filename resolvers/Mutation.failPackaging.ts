import type { Context } from '@aws-appsync/utils';
import type { MutationFailPackagingArgs } from '../generated/graphql';
import { beginTransition, endTransition, type TransitionStash } from './lib/orderTransitions';

export function request(ctx: Context<MutationFailPackagingArgs, TransitionStash>): Record<string, never> {
  return beginTransition(ctx, 'failPackaging');
}

export function response(ctx: Context<MutationFailPackagingArgs, TransitionStash>) {
  return endTransition(ctx);
}
