// A payment as the payments table stores it: what one order is paid with, and where that stands.
// Two methods share the table:
//   CARD    — a card pre-authorisation the shopper made at the provider; `paymentToken` is its
//             token, claimed by the order at checkout (AUTHORIZED at once).
//   GATEWAY — a wallet/gateway order (Zalo Pay) created for the order at checkout; the shopper
//             pays on the gateway's page, and the gateway calls back. `paymentToken` is
//             `gateway:<orderId>` (one gateway payment per order), `appTransId` the gateway's.
// The token stays in this table; events and answers carry the rest.
//
//   CARD:    AUTHORIZED → CAPTURED (order fulfilled) | RELEASED (order ended undelivered)
//   GATEWAY: PENDING → CAPTURED (paid: the gateway takes the money at once) | FAILED | EXPIRED;
//            an order that then ends undelivered is refunded in full (REFUNDED)
//   both:    CAPTURED → PARTIALLY_REFUNDED → REFUNDED (refundOrder)

export type PaymentMethod = 'CARD' | 'GATEWAY';

export type PaymentStatus =
  'PENDING' | 'AUTHORIZED' | 'CAPTURED' | 'RELEASED' | 'REFUNDED' | 'PARTIALLY_REFUNDED' | 'FAILED' | 'EXPIRED';

/** A refund asked for under an idempotency key: reserved first, then done (or failed) at the provider. */
export interface RefundRecord {
  /** The provider's id for it (the gateway's m_refund_id; the card provider's refund id). */
  readonly refundId: string;
  readonly amount: number;
  readonly reason: string;
  /** Who asked (the admin's user id). */
  readonly requestedBy: string;
  readonly status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  /** Why the provider refused it, for a FAILED one. */
  readonly failure?: string;
  readonly createdDate: string;
  readonly modifiedDate: string;
}

export interface Payment {
  /** The table's key: the card token, or `gateway:<orderId>`. */
  readonly paymentToken: string;
  /** Absent on card payments written before gateways existed. */
  readonly method?: PaymentMethod;
  readonly orderId: string;
  readonly userId: string;
  /** Minor units: what the order costs. */
  readonly amount: number;
  readonly status: PaymentStatus;
  readonly createdDate: string;
  readonly modifiedDate: string;
  /** What was captured (absent on items written before refunds: the amount when CAPTURED, else 0). */
  readonly capturedAmount?: number;
  /** What was refunded at the provider, in all. */
  readonly refundedAmount?: number;
  /**
   * What may still be refunded: the captured amount less refunds done or under way. Every refund
   * is reserved against it with a conditional update, so concurrent refunds never exceed it.
   */
  readonly refundableAmount?: number;
  /** Refunds by idempotency key. */
  readonly refunds?: Readonly<Record<string, RefundRecord>>;
  /** GATEWAY: the gateway's transaction id for this payment (Zalo Pay's app_trans_id). */
  readonly appTransId?: string;
  /** GATEWAY: the gateway's id of the payment once made (Zalo Pay's zp_trans_id). */
  readonly gatewayTransId?: string;
  /** GATEWAY: the page where the shopper pays. */
  readonly payUrl?: string;
  /** GATEWAY: when the gateway stops taking the payment. */
  readonly expiresAt?: string;
  /**
   * GATEWAY, while PENDING only: `PENDING`, the partition key of the sparse `pendingGateway`
   * index the sweep reads (removed when the payment leaves PENDING).
   */
  readonly pendingGateway?: 'PENDING';
  /** GATEWAY: why it FAILED, as the gateway said. */
  readonly failure?: string;
  /** GATEWAY: what learnt its outcome: the gateway's callback, or the sweep's query (the callback never came). */
  readonly settledBy?: 'callback' | 'sweep';
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

export function methodOf(payment: Pick<Payment, 'method'>): PaymentMethod {
  return payment.method ?? 'CARD';
}

export function capturedAmountOf(payment: Payment): number {
  return payment.capturedAmount ?? (payment.status === 'CAPTURED' ? payment.amount : 0);
}

/** An order's payment as the API's `Payment` shows it, with the order's id. Never the token. */
export interface PaymentDetail {
  readonly orderId: string;
  readonly method: PaymentMethod;
  readonly status: PaymentStatus;
  readonly amount: number;
  readonly capturedAmount: number;
  readonly refundedAmount: number;
  readonly payUrl: string | null;
  readonly expiresAt: string | null;
  readonly modifiedDate: string;
}

export function detailOf(payment: Payment): PaymentDetail {
  return {
    orderId: payment.orderId,
    method: methodOf(payment),
    status: payment.status,
    amount: payment.amount,
    capturedAmount: capturedAmountOf(payment),
    refundedAmount: payment.refundedAmount ?? 0,
    // The page is of use only while the payment can be made there.
    payUrl: payment.status === 'PENDING' ? (payment.payUrl ?? null) : null,
    expiresAt: payment.expiresAt ?? null,
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
  return {
    paymentToken,
    method: 'CARD',
    orderId,
    userId,
    amount,
    status: 'AUTHORIZED',
    capturedAmount: 0,
    refundedAmount: 0,
    refundableAmount: 0,
    createdDate: date,
    modifiedDate: date,
  };
}

/** The key of an order's gateway payment: one per order, so that starting it twice finds the first. */
export function gatewayPaymentToken(orderId: string): string {
  return `gateway:${orderId}`;
}

/** A gateway payment as checkout writes it, once the gateway has created its order. */
export function newGatewayPayment(
  start: { orderId: string; userId: string; amount: number; appTransId: string; payUrl: string; expiresAt: Date },
  now: Date,
): Payment {
  const date = now.toISOString();
  return {
    paymentToken: gatewayPaymentToken(start.orderId),
    method: 'GATEWAY',
    orderId: start.orderId,
    userId: start.userId,
    amount: start.amount,
    status: 'PENDING',
    capturedAmount: 0,
    refundedAmount: 0,
    refundableAmount: 0,
    appTransId: start.appTransId,
    payUrl: start.payUrl,
    expiresAt: start.expiresAt.toISOString(),
    pendingGateway: 'PENDING',
    createdDate: date,
    modifiedDate: date,
  };
}
