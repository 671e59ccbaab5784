import type { Context } from '@aws-appsync/utils';
import type { Cart, MutationRemoveFromCartArgs } from '../generated/graphql';
import { assertProductId, buildCart, type CartStash } from './lib/cart';
import { callerId } from './lib/identity';

export function request(ctx: Context<MutationRemoveFromCartArgs, CartStash>): Record<string, never> {
  callerId(ctx);
  assertProductId(ctx.args.productId);
  return {};
}

export function response(ctx: Context<MutationRemoveFromCartArgs, CartStash>): Cart {
  return buildCart(ctx.stash);
}
