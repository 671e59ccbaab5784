// What the order resolvers share beyond the order itself (the item as the orders table holds it,
// and its mapping to the API's types: domain/order.ts): the checks and the queue query.
import { util } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import type { OrderStatus } from '../../generated/graphql';
import type { OrderItem } from '../../domain/order';
import { ErrorType } from './errors';
import { type PageArguments, pageRequest } from './page';

/** Refuses a blank orderId before anything is read. */
export function assertOrderId(orderId: string): void {
  if (orderId.trim() === '') {
    util.error('orderId must not be blank', ErrorType.BadRequest);
  }
}

export function orderNotFoundMessage(orderId: string): string {
  return `No order has the id ${orderId}.`;
}

/** A page of the orders in one status, oldest first, through the byStatus index. */
export function statusQueueRequest(status: OrderStatus, args: PageArguments) {
  return query<OrderItem>({ index: 'byStatus', query: { status: { eq: status } }, scanIndexForward: true, ...pageRequest(args) });
}
