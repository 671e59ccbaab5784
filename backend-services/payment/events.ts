// The events the payment service emits, one factory per type. They are facts about the payments
// table, published from its stream (source ecommerce.payment). They carry the order, the user
// and the amount, never the payment token.
import type { DomainEvent } from '../platform/eventBus.ts';
import type { Payment } from './domain/payment.ts';

export const SOURCE = 'ecommerce.payment';

export interface PaymentDetail {
  readonly orderId: string;
  readonly userId: string;
  readonly amount: number;
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
export type PaymentEvent =
  PaymentAuthorized | PaymentCaptured | PaymentReleased | PaymentSucceeded | PaymentFailed | PaymentExpired;

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

function paymentEvent<T extends PaymentEvent['detailType']>(
  detailType: T,
  payment: Payment,
  time?: Date,
): DomainEvent<T, PaymentDetail> {
  const detail: PaymentDetail = { orderId: payment.orderId, userId: payment.userId, amount: payment.amount };
  return { source: SOURCE, detailType, detail, ...(time ? { time } : {}) };
}
