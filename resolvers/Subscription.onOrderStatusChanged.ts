import { type Context, extensions, util } from '@aws-appsync/utils';
import type { SubscriptionOnOrderStatusChangedArgs } from '../generated/graphql';
import { orderStatusFilter } from './lib/orderStatusUpdates';

/** Runs when a client subscribes: nothing to read. */
export function request(_ctx: Context<SubscriptionOnOrderStatusChangedArgs>) {
  return { payload: null };
}

/**
 * Sets the server-side filter (lib/orderStatusUpdates.ts): a customer's own orders whatever the
 * arguments, every order for the back office, one order with `orderId`.
 */
export function response(ctx: Context<SubscriptionOnOrderStatusChangedArgs>) {
  const filter = orderStatusFilter(ctx);
  if (filter) {
    extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(filter));
  }
  return null;
}
