import type { Context } from '@aws-appsync/utils';
import type { SubscriptionOnOrderStatusChangedArgs } from '../../generated/graphql';
import { STAFF_GROUPS } from '../../domain/users';
import { callerId, isInGroup } from './identity';

export interface OrderStatusFilter {
  userId?: { eq: string };
  orderId?: { eq: string };
}

/**
 * Who receives which `OrderStatusUpdate`, decided by the server, never by the client's
 * arguments: a customer only updates whose `userId` is their `sub`; staff any order; `orderId`,
 * when given, narrows to that order. Null when the caller receives every update (staff, no
 * `orderId`): AppSync wants no empty filter.
 */
export function orderStatusFilter(ctx: Context<SubscriptionOnOrderStatusChangedArgs>): OrderStatusFilter | null {
  const filter: OrderStatusFilter = {};
  const staff: string[] = [...STAFF_GROUPS];
  if (!staff.some((group) => isInGroup(ctx, group))) {
    filter.userId = { eq: callerId(ctx) };
  }
  if (ctx.args.orderId) {
    filter.orderId = { eq: ctx.args.orderId };
  }
  return filter.userId || filter.orderId ? filter : null;
}
