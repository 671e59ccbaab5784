// Orders' payments from the payment service's POST /payments/batch-get: one call for a whole page
// of orders (getOrders attaches them before Order.payment runs), or for one order. Only an
// order's owner and admin see its payment. And refundOrder's POST /payments/refund, which answers
// the payment after the refund.
import { type Context, type HTTPRequest, util } from '@aws-appsync/utils';
import type { Payment } from '../../generated/graphql';
import { ErrorType } from './errors';
import { raiseServiceError, type ServiceResult } from './serviceAnswers';

/** An order as the resolvers pass it on, with its payment once a page has fetched it. */
export interface OrderWithPayment {
  orderId: string;
  userId: string;
  /** Set by attachOrderPayments: null when the order has none. */
  payment?: Payment | null;
  /** Set by attachOrderPayments when the payment service could not answer for the page. */
  paymentUnavailable?: string;
}

/** A payment as the service answers it: the API's Payment, with its order's id. */
type PaymentDetail = Payment & { orderId: string };

export function paymentsRequest(orderIds: string[]): HTTPRequest<string> {
  return {
    method: 'POST',
    resourcePath: '/prod/payments/batch-get',
    params: { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orderIds }) },
  };
}

export interface PaymentsAnswer {
  /** The payments the service answered, by order id. */
  payments: Record<string, Payment>;
  /** Why the service could not answer (a sentence for people); null when it did. */
  failure: string | null;
}

export function paymentsOrFailure(ctx: Context): PaymentsAnswer {
  if (ctx.error) {
    return { payments: {}, failure: `The payment service could not be reached: ${ctx.error.message}` };
  }
  const result = ctx.result as ServiceResult;
  if (result.statusCode !== 200) {
    return { payments: {}, failure: `The payment service answered HTTP ${result.statusCode}.` };
  }
  const answer = JSON.parse(result.body) as { payments: PaymentDetail[] };
  const payments: Record<string, Payment> = {};
  for (const found of answer.payments) {
    payments[found.orderId] = paymentOf(found);
  }
  return { payments, failure: null };
}

export interface RefundArguments {
  orderId: string;
  /** null: all that is left. */
  amount: number | null;
  reason: string;
  idempotencyKey: string;
  /** The admin asking: their `sub`. */
  requestedBy: string;
}

export function refundRequest(refund: RefundArguments): HTTPRequest<string> {
  return {
    method: 'POST',
    resourcePath: '/prod/payments/refund',
    params: { headers: { 'content-type': 'application/json' }, body: JSON.stringify(refund) },
  };
}

/** The payment the refund left, or the service's refusal as the field's error (its code's errorType). */
export function refundedPaymentOrError(ctx: Context): Payment {
  if (ctx.error) {
    util.error(`The payment service could not be reached: ${ctx.error.message}`, ErrorType.ServiceUnavailable);
  }
  const result = ctx.result as ServiceResult;
  if (result.statusCode !== 200) {
    raiseServiceError('payment', result);
  }
  return paymentOf((JSON.parse(result.body) as { payment: PaymentDetail }).payment);
}

function paymentOf(found: PaymentDetail): Payment {
  return {
    method: found.method,
    status: found.status,
    amount: found.amount,
    capturedAmount: found.capturedAmount,
    refundedAmount: found.refundedAmount,
    payUrl: found.payUrl,
    expiresAt: found.expiresAt,
    modifiedDate: found.modifiedDate,
  };
}

/** Raises the failure as the field's error: the order itself is still answered. */
export function paymentUnavailable(failure: string): never {
  util.error(`The order's payment cannot be read right now. ${failure}`, ErrorType.ServiceUnavailable);
}
