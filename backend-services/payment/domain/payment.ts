// A payment as the payments table stores it: one payment token claimed by one order. The token
// stays in this table; events and answers carry the rest.

export type PaymentStatus = 'AUTHORIZED' | 'CAPTURED' | 'RELEASED';

export interface Payment {
  readonly paymentToken: string;
  readonly orderId: string;
  readonly userId: string;
  /** Minor units: what the order costs, and what is captured when it is fulfilled. */
  readonly amount: number;
  readonly status: PaymentStatus;
  readonly createdDate: string;
  readonly modifiedDate: string;
}

/** What a caller learns of a payment. */
export interface PaymentView {
  readonly orderId: string;
  readonly amount: number;
  readonly status: PaymentStatus;
}

export function viewPayment(payment: Payment): PaymentView {
  return { orderId: payment.orderId, amount: payment.amount, status: payment.status };
}

/** A fresh claim of the token for the order, as authorize writes it. */
export function newPayment(claim: { orderId: string; userId: string; paymentToken: string; amount: number }, now: Date): Payment {
  const date = now.toISOString();
  const { orderId, userId, paymentToken, amount } = claim;
  return { paymentToken, orderId, userId, amount, status: 'AUTHORIZED', createdDate: date, modifiedDate: date };
}
