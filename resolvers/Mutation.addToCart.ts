import type { Context } from '@aws-appsync/utils';
import type { Cart, MutationAddToCartArgs } from '../generated/graphql';
import { assertProductId, assertQuantity, buildCart, type CartStash } from './lib/cart';
import { callerId } from './lib/identity';

export function request(ctx: Context<MutationAddToCartArgs, CartStash>): Record<string, never> {
  callerId(ctx);
  assertProductId(ctx.args.productId);
  assertQuantity(ctx.args.quantity, 1);
  return {};
}

export function response(ctx: Context<MutationAddToCartArgs, CartStash>): Cart {
  return buildCart(ctx.stash);
}
