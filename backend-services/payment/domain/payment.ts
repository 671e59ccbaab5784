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

/**
 * An order's payment as the API's `Payment` shows it, with the order's id. A card payment has no
 * page to pay on and no expiry; nothing is refunded yet. Never the token.
 */
export interface PaymentDetail {
  readonly orderId: string;
  readonly method: 'CARD';
  readonly status: PaymentStatus;
  readonly amount: number;
  readonly capturedAmount: number;
  readonly refundedAmount: number;
  readonly payUrl: null;
  readonly expiresAt: null;
  readonly modifiedDate: string;
}

export function detailOf(payment: Payment): PaymentDetail {
  return {
    orderId: payment.orderId,
    method: 'CARD',
    status: payment.status,
    amount: payment.amount,
    capturedAmount: payment.status === 'CAPTURED' ? payment.amount : 0,
    refundedAmount: 0,
    payUrl: null,
    expiresAt: null,
    modifiedDate: payment.modifiedDate,
  };
}

/** The payment that stands for an order among its claims: the one last changed. */
export function currentPayment(payments: readonly Payment[]): Payment | undefined {
  return payments.reduce<Payment | undefined>(
    (latest, payment) => (!latest || payment.modifiedDate > latest.modifiedDate ? payment : latest),
    undefined,
  );
}

/** A fresh claim of the token for the order, as authorize writes it. */
export function newPayment(claim: { orderId: string; userId: string; paymentToken: string; amount: number }, now: Date): Payment {
  const date = now.toISOString();
  const { orderId, userId, paymentToken, amount } = claim;
  return { paymentToken, orderId, userId, amount, status: 'AUTHORIZED', createdDate: date, modifiedDate: date };
}
