import { type Context, extensions, util } from '@aws-appsync/utils';
import type { SubscriptionOnProductStockChangedArgs } from '../generated/graphql';

/** Runs when a client subscribes: nothing to read. */
export function request(_ctx: Context<SubscriptionOnProductStockChangedArgs>) {
  return { payload: null };
}

/**
 * Sets the server-side filter: the product the argument names, and no other, whatever the
 * client's selection set holds.
 */
export function response(ctx: Context<SubscriptionOnProductStockChangedArgs>) {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ productId: { eq: ctx.args.productId } }));
  return null;
}
