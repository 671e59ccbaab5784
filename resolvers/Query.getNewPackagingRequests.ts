import type { Context } from '@aws-appsync/utils';
import type { PackagingRequest, PackagingRequestPage, QueryGetNewPackagingRequestsArgs } from '../generated/graphql';
import { type OrderItem, toPackagingRequest } from '../domain/order';
import { ORDER_TRANSITIONS } from '../domain/orderLifecycle';
import { statusQueueRequest } from './lib/orders';
import { pageOrError } from './lib/page';

/** The orders startPackaging takes (NEW), oldest first: the warehouse's queue. */
export function request(ctx: Context<QueryGetNewPackagingRequestsArgs>) {
  return statusQueueRequest(ORDER_TRANSITIONS.startPackaging.from, ctx.args);
}

export function response(ctx: Context<QueryGetNewPackagingRequestsArgs>): PackagingRequestPage {
  const page = pageOrError<OrderItem>(ctx);
  const packagingRequests: PackagingRequest[] = [];
  for (const item of page.items) {
    packagingRequests.push(toPackagingRequest(item));
  }
  return { packagingRequests, nextToken: page.nextToken };
}
