// The payment provider's rules, without HTTP: card pre-authorisations that the payment
// backend later checks, captures or cancels, and refunds once captured. In memory, like the
// third party it stands in for.
import { randomBytes } from 'node:crypto';

/** The card the simulator always declines. */
export const DECLINED_CARD = '4000000000000002';

export type PaymentStatus = 'AUTHORIZED' | 'CAPTURED' | 'CANCELLED';

/** Money given back from a captured payment, under the id the backend chose for it. */
export interface Refund {
  readonly refundId: string;
  readonly amount: number;
  readonly createdAt: string;
}

/** What the backend may name a refund: as its idempotency keys, 1 to 64 of these characters. */
const REFUND_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export interface Payment {
  readonly paymentToken: string;
  readonly amount: number;
  readonly last4: string;
  status: PaymentStatus;
  capturedAmount: number;
  /** The sum of `refunds`: never above `capturedAmount`. */
  refundedAmount: number;
  /** Every refund made, in order; tests read it to count what was given back. */
  readonly refunds: Refund[];
  readonly createdAt: string;
  modifiedAt: string;
}

export class PaymentProviderError extends Error {
  override name = 'PaymentProviderError';
  constructor(
    readonly status: number,
    readonly code:
      'invalid_request' | 'card_declined' | 'not_found' | 'invalid_state' | 'refund_exceeds_captured' | 'idempotency_conflict',
    message: string,
  ) {
    super(message);
  }
}

export class PaymentProvider {
  private readonly payments = new Map<string, Payment>();

  preauthorize(cardNumber: unknown, amount: unknown): Payment {
    if (typeof cardNumber !== 'string' || !/^\d{16}$/.test(cardNumber)) {
      throw new PaymentProviderError(400, 'invalid_request', 'cardNumber must be a string of 16 digits');
    }
    assertAmount(amount);
    if (cardNumber === DECLINED_CARD) {
      throw new PaymentProviderError(402, 'card_declined', 'The card was declined.');
    }
    const now = new Date().toISOString();
    const payment: Payment = {
      paymentToken: `pt_${randomBytes(16).toString('hex')}`,
      amount,
      last4: cardNumber.slice(-4),
      status: 'AUTHORIZED',
      capturedAmount: 0,
      refundedAmount: 0,
      refunds: [],
      createdAt: now,
      modifiedAt: now,
    };
    this.payments.set(payment.paymentToken, payment);
    return payment;
  }

  get(paymentToken: unknown): Payment {
    const payment = typeof paymentToken === 'string' ? this.payments.get(paymentToken) : undefined;
    if (!payment) throw new PaymentProviderError(404, 'not_found', 'No such payment token.');
    return payment;
  }

  /** Whether the token is authorised, uncaptured and uncancelled, for at least `amount`. */
  check(paymentToken: unknown, amount: unknown): { authorized: boolean; payment: Payment } {
    assertAmount(amount);
    const payment = this.get(paymentToken);
    return { authorized: payment.status === 'AUTHORIZED' && payment.amount >= amount, payment };
  }

  /** Captures `amount` (default: the whole authorisation). Capturing again changes nothing. */
  capture(paymentToken: unknown, amount?: unknown): Payment {
    const payment = this.get(paymentToken);
    const wanted = amount ?? payment.amount;
    assertAmount(wanted);
    if (payment.status === 'CAPTURED') return payment;
    if (payment.status === 'CANCELLED') {
      throw new PaymentProviderError(409, 'invalid_state', 'The authorisation was cancelled; it cannot be captured.');
    }
    if (wanted > payment.amount) {
      throw new PaymentProviderError(400, 'invalid_request', `Cannot capture ${wanted}: only ${payment.amount} is authorised.`);
    }
    return this.update(payment, 'CAPTURED', wanted);
  }

  /** Releases the authorisation. Cancelling again changes nothing. */
  cancel(paymentToken: unknown): Payment {
    const payment = this.get(paymentToken);
    if (payment.status === 'CANCELLED') return payment;
    if (payment.status === 'CAPTURED') {
      throw new PaymentProviderError(409, 'invalid_state', 'The payment was captured; it cannot be cancelled.');
    }
    return this.update(payment, 'CANCELLED', 0);
  }

  /**
   * Refunds `amount` of a captured payment under `refundId`. The same id again answers the first
   * refund and gives nothing more back (with another amount it is refused: 409
   * idempotency_conflict). Only a CAPTURED payment is refunded (409 invalid_state), and never
   * beyond what was captured (400 refund_exceeds_captured, naming what is left).
   */
  refund(paymentToken: unknown, amount: unknown, refundId: unknown): { payment: Payment; refund: Refund } {
    const payment = this.get(paymentToken);
    assertAmount(amount);
    if (typeof refundId !== 'string' || !REFUND_ID.test(refundId)) {
      throw new PaymentProviderError(400, 'invalid_request', 'refundId must be 1 to 64 letters, digits, ".", "_", ":" or "-"');
    }
    const earlier = payment.refunds.find((refund) => refund.refundId === refundId);
    if (earlier) {
      if (earlier.amount !== amount) {
        throw new PaymentProviderError(
          409,
          'idempotency_conflict',
          `Refund ${refundId} was made for ${earlier.amount}, not ${amount}.`,
        );
      }
      return { payment, refund: earlier };
    }
    if (payment.status !== 'CAPTURED') {
      throw new PaymentProviderError(
        409,
        'invalid_state',
        `The payment is ${payment.status}; only a captured payment can be refunded.`,
      );
    }
    const left = payment.capturedAmount - payment.refundedAmount;
    if (amount > left) {
      throw new PaymentProviderError(
        400,
        'refund_exceeds_captured',
        `Cannot refund ${amount}: ${left} of the ${payment.capturedAmount} captured is left to refund.`,
      );
    }
    const now = new Date().toISOString();
    const refund: Refund = { refundId, amount, createdAt: now };
    payment.refunds.push(refund);
    payment.refundedAmount += amount;
    payment.modifiedAt = now;
    return { payment, refund };
  }

  private update(payment: Payment, status: PaymentStatus, capturedAmount: number): Payment {
    payment.status = status;
    payment.capturedAmount = capturedAmount;
    payment.modifiedAt = new Date().toISOString();
    return payment;
  }
}

function assertAmount(amount: unknown): asserts amount is number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 1) {
    throw new PaymentProviderError(400, 'invalid_request', 'amount must be a whole number of minor units, at least 1');
  }
}
