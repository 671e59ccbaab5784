import type { Context } from '@aws-appsync/utils';
import type { PackagingRequest, PackagingRequestPage, QueryGetNewPackagingRequestsArgs } from '../generated/graphql';
import { type OrderItem, toPackagingRequest } from '../domain/order';
import { statusQueueRequest } from './lib/orders';
import { pageOrError } from './lib/page';

/** NEW orders, oldest first: the warehouse's queue. */
export function request(ctx: Context<QueryGetNewPackagingRequestsArgs>) {
  return statusQueueRequest('NEW', ctx.args);
}

export function response(ctx: Context<QueryGetNewPackagingRequestsArgs>): PackagingRequestPage {
  const page = pageOrError<OrderItem>(ctx);
  const packagingRequests: PackagingRequest[] = [];
  for (const item of page.items) {
    packagingRequests.push(toPackagingRequest(item));
  }
  return { packagingRequests, nextToken: page.nextToken };
}
