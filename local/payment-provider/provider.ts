// The payment provider's rules, without HTTP: card pre-authorisations that the payment
// backend later checks, captures or cancels. In memory, like the third party it stands in for.
import { randomBytes } from 'node:crypto';

/** The card the simulator always declines. */
export const DECLINED_CARD = '4000000000000002';

export type PaymentStatus = 'AUTHORIZED' | 'CAPTURED' | 'CANCELLED';

export interface Payment {
  readonly paymentToken: string;
  readonly amount: number;
  readonly last4: string;
  status: PaymentStatus;
  capturedAmount: number;
  readonly createdAt: string;
  modifiedAt: string;
}

export class PaymentProviderError extends Error {
  override name = 'PaymentProviderError';
  constructor(
    readonly status: number,
    readonly code: 'invalid_request' | 'card_declined' | 'not_found' | 'invalid_state',
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
