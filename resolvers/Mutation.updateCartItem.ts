import type { Context } from '@aws-appsync/utils';
import type { Cart, MutationUpdateCartItemArgs } from '../generated/graphql';
import { assertProductId, assertQuantity, buildCart, type CartStash } from './lib/cart';
import { callerId } from './lib/identity';

export function request(ctx: Context<MutationUpdateCartItemArgs, CartStash>): Record<string, never> {
  callerId(ctx);
  assertProductId(ctx.args.productId);
  assertQuantity(ctx.args.quantity, 0);
  return {};
}

export function response(ctx: Context<MutationUpdateCartItemArgs, CartStash>): Cart {
  return buildCart(ctx.stash);
}
