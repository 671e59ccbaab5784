import type { Context } from '@aws-appsync/utils';
import type { Cart } from '../generated/graphql';
import { buildCart, type CartStash } from './lib/cart';
import { callerId } from './lib/identity';

export function request(ctx: Context<unknown, CartStash>): Record<string, never> {
  callerId(ctx);
  return {};
}

export function response(ctx: Context<unknown, CartStash>): Cart {
  return buildCart(ctx.stash);
}
