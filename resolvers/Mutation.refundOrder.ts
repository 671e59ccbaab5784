import type { Context, HTTPRequest } from '@aws-appsync/utils';
import type { MutationRefundOrderArgs, Payment } from '../generated/graphql';
import { callerId } from './lib/identity';
import { refundedPaymentOrError, refundRequest } from './lib/paymentService';

/**
 * Refunds the order's payment through the payment service's POST /payments/refund, which decides
 * and gives back once per idempotencyKey; the resolver adds who asks (the schema lets admins only).
 */
export function request(ctx: Context<MutationRefundOrderArgs>): HTTPRequest<string> {
  const { orderId, amount, reason, idempotencyKey } = ctx.args;
  return refundRequest({ orderId, amount: amount ?? null, reason, idempotencyKey, requestedBy: callerId(ctx) });
}

export function response(ctx: Context<MutationRefundOrderArgs>): Payment {
  return refundedPaymentOrError(ctx);
}
