import type { Context } from '@aws-appsync/utils';
import type { Delivery, DeliveryPage, QueryGetNewDeliveriesArgs } from '../generated/graphql';
import { type OrderItem, toDelivery } from '../domain/order';
import { ORDER_TRANSITIONS } from '../domain/orderLifecycle';
import { statusQueueRequest } from './lib/orders';
import { pageOrError } from './lib/page';

/** The orders startDelivery takes (PACKAGED), oldest first: the delivery staff's queue. */
export function request(ctx: Context<QueryGetNewDeliveriesArgs>) {
  return statusQueueRequest(ORDER_TRANSITIONS.startDelivery.from, ctx.args);
}

export function response(ctx: Context<QueryGetNewDeliveriesArgs>): DeliveryPage {
  const page = pageOrError<OrderItem>(ctx);
  const deliveries: Delivery[] = [];
  for (const item of page.items) {
    deliveries.push(toDelivery(item));
  }
  return { deliveries, nextToken: page.nextToken };
}
