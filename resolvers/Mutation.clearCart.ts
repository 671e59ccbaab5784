import type { Context } from '@aws-appsync/utils';
import type { Cart } from '../generated/graphql';
import { type CartStash, emptyCart } from './lib/cart';
import { callerId } from './lib/identity';

export function request(ctx: Context<unknown, CartStash>): Record<string, never> {
  callerId(ctx);
  return {};
}

export function response(_ctx: Context<unknown, CartStash>): Cart {
  return emptyCart();
}
