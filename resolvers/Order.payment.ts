// An order's payment, through the payment service. A page of getOrders has fetched its orders'
// payments in one call already (functions/attachOrderPayments.ts); any other order (getOrder,
// createOrder, placeOrder, cancelOrder …) asks for its own.
import { type Context, type HTTPRequest, runtime, util } from '@aws-appsync/utils';
import type { Payment } from '../generated/graphql';
import { isOwnerOrAdmin } from './lib/identity';
import { type OrderWithPayment, paymentsOrFailure, paymentsRequest, paymentUnavailable } from './lib/paymentService';

type OrderContext = Context<Record<string, never>, Record<string, unknown>, undefined, OrderWithPayment>;

export function request(ctx: OrderContext): HTTPRequest<string> {
  const order = ctx.source as OrderWithPayment;
  if (!isOwnerOrAdmin(ctx, order.userId)) {
    util.unauthorized();
  }
  if (order.paymentUnavailable) {
    paymentUnavailable(order.paymentUnavailable);
  }
  if (order.payment !== undefined) {
    runtime.earlyReturn(order.payment);
  }
  return paymentsRequest([order.orderId]);
}

export function response(ctx: OrderContext): Payment | null {
  const answer = paymentsOrFailure(ctx);
  if (answer.failure) {
    paymentUnavailable(answer.failure);
  }
  return answer.payments[(ctx.source as OrderWithPayment).orderId] ?? null;
}
