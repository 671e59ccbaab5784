import type { Context } from '@aws-appsync/utils';
import type { MutationStartPackagingArgs } from '../generated/graphql';
import { beginTransition, endTransition, type TransitionStash } from './lib/orderTransitions';

export function request(ctx: Context<MutationStartPackagingArgs, TransitionStash>): Record<string, never> {
  return beginTransition(ctx, 'startPackaging');
}

export function response(ctx: Context<MutationStartPackagingArgs, TransitionStash>) {
  return endTransition(ctx);
}
