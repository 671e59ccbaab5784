// The events the payment service emits, one factory per type. They are facts about the payments
// table, published from its stream (source ecommerce.payment). They carry the order, the user
// and the amount, never the payment token.
import type { DomainEvent } from '../platform/eventBus.ts';
import { capturedAmountOf, type Payment, type PaymentStatus } from './domain/payment.ts';

export const SOURCE = 'ecommerce.payment';

export interface PaymentDetail {
  readonly orderId: string;
  readonly userId: string;
  readonly amount: number;
}

/** A refund done: `amount` is this refund's, `refundedAmount` all refunded so far, `status` the payment's after it. */
export interface PaymentRefundedDetail extends PaymentDetail {
  /**
   * The refund's idempotency key (refundOrder's, or `release-<orderStatus>` for a settlement's):
   * names this refund among the payment's, so that a consumer does its work once per refund
   * however often the event is delivered (the invoices service issues one credit note per key).
   */
  readonly refundKey: string;
  readonly refundedAmount: number;
  readonly capturedAmount: number;
  readonly status: PaymentStatus;
}

export type PaymentAuthorized = DomainEvent<'PaymentAuthorized', PaymentDetail>;
export type PaymentCaptured = DomainEvent<'PaymentCaptured', PaymentDetail>;
export type PaymentReleased = DomainEvent<'PaymentReleased', PaymentDetail>;
/** A gateway payment was made (and captured at once, as gateways take the money when paid). */
export type PaymentSucceeded = DomainEvent<'PaymentSucceeded', PaymentDetail>;
/** A gateway payment was refused or declined: its order is cancelled. */
export type PaymentFailed = DomainEvent<'PaymentFailed', PaymentDetail>;
/** A gateway payment was not made in time: its order is cancelled. */
export type PaymentExpired = DomainEvent<'PaymentExpired', PaymentDetail>;
export type PaymentRefunded = DomainEvent<'PaymentRefunded', PaymentRefundedDetail>;
export type PaymentEvent =
  PaymentAuthorized | PaymentCaptured | PaymentReleased | PaymentSucceeded | PaymentFailed | PaymentExpired | PaymentRefunded;

export function paymentAuthorized(payment: Payment, time?: Date): PaymentAuthorized {
  return paymentEvent('PaymentAuthorized', payment, time);
}

export function paymentCaptured(payment: Payment, time?: Date): PaymentCaptured {
  return paymentEvent('PaymentCaptured', payment, time);
}

export function paymentReleased(payment: Payment, time?: Date): PaymentReleased {
  return paymentEvent('PaymentReleased', payment, time);
}

export function paymentSucceeded(payment: Payment, time?: Date): PaymentSucceeded {
  return paymentEvent('PaymentSucceeded', payment, time);
}

export function paymentFailed(payment: Payment, time?: Date): PaymentFailed {
  return paymentEvent('PaymentFailed', payment, time);
}

export function paymentExpired(payment: Payment, time?: Date): PaymentExpired {
  return paymentEvent('PaymentExpired', payment, time);
}

/** The refund that took the payment from `before` to `after` (refundedAmount grew). */
export function paymentRefunded(before: Payment, after: Payment, time?: Date): PaymentRefunded {
  const refundedAmount = after.refundedAmount ?? 0;
  const detail: PaymentRefundedDetail = {
    orderId: after.orderId,
    userId: after.userId,
    amount: refundedAmount - (before.refundedAmount ?? 0),
    refundKey: refundKeyOf(before, after),
    refundedAmount,
    capturedAmount: capturedAmountOf(after),
    status: after.status,
  };
  return { source: SOURCE, detailType: 'PaymentRefunded', detail, ...(time ? { time } : {}) };
}

/**
 * The key of the refund a change records: the one whose record turned SUCCEEDED. Exactly one does
 * whenever refundedAmount grows, as the store grows it in the same update that marks the record
 * done (store/paymentsTable.ts completeRefund); anything else is a bug in this service, not an
 * event to publish with a made-up identity.
 */
function refundKeyOf(before: Payment, after: Payment): string {
  const done = Object.entries(after.refunds ?? {})
    .filter(([key, record]) => record.status === 'SUCCEEDED' && before.refunds?.[key]?.status !== 'SUCCEEDED')
    .map(([key]) => key);
  if (done.length !== 1)
    throw new Error(
      `Payment of order ${after.orderId}: refundedAmount grew with ${done.length} refund records done (${done.join(', ')}); expected one.`,
    );
  return done[0]!;
}

function paymentEvent<T extends Exclude<PaymentEvent['detailType'], 'PaymentRefunded'>>(
  detailType: T,
  payment: Payment,
  time?: Date,
): DomainEvent<T, PaymentDetail> {
  const detail: PaymentDetail = { orderId: payment.orderId, userId: payment.userId, amount: payment.amount };
  return { source: SOURCE, detailType, detail, ...(time ? { time } : {}) };
}
