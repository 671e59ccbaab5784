import { type Context, type HTTPRequest, runtime } from '@aws-appsync/utils';
import type { QueryGetOrdersArgs } from '../../generated/graphql';
import { type OrderWithPayment, paymentsOrFailure, paymentsRequest } from '../lib/paymentService';

interface Page {
  orders: OrderWithPayment[];
  nextToken: string | null;
}

/**
 * When the query asks for the orders' payments, one call to the payment service for the whole
 * page, each payment then put on its order for Order.payment; otherwise nothing is called.
 */
export function request(ctx: Context<QueryGetOrdersArgs>): HTTPRequest<string> {
  const page = ctx.prev.result as Page;
  if (page.orders.length === 0 || !ctx.info.selectionSetList.includes('orders/payment')) {
    runtime.earlyReturn(page);
  }
  const orderIds: string[] = [];
  for (const order of page.orders) {
    orderIds.push(order.orderId);
  }
  return paymentsRequest(orderIds);
}

export function response(ctx: Context<QueryGetOrdersArgs>): Page {
  const page = ctx.prev.result as Page;
  const answer = paymentsOrFailure(ctx);
  for (const order of page.orders) {
    if (answer.failure) {
      order.paymentUnavailable = answer.failure;
    } else {
      order.payment = answer.payments[order.orderId] ?? null;
    }
  }
  return page;
}
