// The rules of a refund, without I/O: what a payment's status allows, what a request gives back,
// whether an idempotency key's earlier use is the same request, and the status after a refund.
//
//   CAPTURED, PARTIALLY_REFUNDED   refund: `amount`, or all that is still refundable
//   AUTHORIZED (card)              release the hold instead: the whole amount, or none named
//   anything else                  Conflict, naming the status
import { InvalidInputError } from '../../platform/errors.ts';
import {
  capturedAmountOf,
  methodOf,
  type Payment,
  type PaymentMethod,
  type PaymentStatus,
  type RefundRecord,
} from '../domain/payment.ts';
import { RefundConflictError } from '../errors.ts';
import type { RefundRequest } from './refundRequest.ts';

/** What a refund request may do to a payment: give money back, release the hold, or nothing. */
export type Refundability = 'refund' | 'release' | 'none';

export function refundabilityOf(status: PaymentStatus, method: PaymentMethod): Refundability {
  if (status === 'CAPTURED' || status === 'PARTIALLY_REFUNDED') return 'refund';
  // A gateway takes the money at once: it never holds a payment AUTHORIZED.
  if (status === 'AUTHORIZED' && method === 'CARD') return 'release';
  return 'none';
}

/** What a request does: give `amount` back, or release the whole authorised `amount`. */
export type RefundAction = { readonly kind: 'refund' | 'release'; readonly amount: number };

/** The request's action on the payment as it is, or the error refusing it (BadRequest, Conflict). */
export function decideRefund(payment: Payment, amount: number | undefined): RefundAction {
  const { orderId, status } = payment;
  switch (refundabilityOf(status, methodOf(payment))) {
    case 'refund': {
      const left = refundableAmountOf(payment);
      const wanted = amount ?? left;
      if (left === 0) {
        throw new InvalidInputError(`Nothing is left to refund on order ${orderId}: ${accountOf(payment)}.`);
      }
      if (wanted < 1 || wanted > left) {
        throw new InvalidInputError(
          `amount must be 1 to ${left}, what is left to refund on order ${orderId} (${accountOf(payment)}); got ${wanted}.`,
        );
      }
      return { kind: 'refund', amount: wanted };
    }
    case 'release':
      if (amount !== undefined && amount !== payment.amount) {
        throw new InvalidInputError(
          `Order ${orderId}'s payment is authorised, not captured: it is released whole, so amount must be ${payment.amount} or absent; got ${amount}.`,
        );
      }
      return { kind: 'release', amount: payment.amount };
    case 'none':
      throw new RefundConflictError(`Order ${orderId}'s payment is ${status}: there is nothing to refund or release.`);
  }
}

/** What may still be refunded: the captured amount less the refunds done or under way. */
export function refundableAmountOf(payment: Payment): number {
  return payment.refundableAmount ?? capturedAmountOf(payment) - (payment.refundedAmount ?? 0);
}

/** The payment's status once `refundedAmount` of `capturedAmount` is refunded. */
export function statusAfterRefund(capturedAmount: number, refundedAmount: number): PaymentStatus {
  if (refundedAmount >= capturedAmount) return 'REFUNDED';
  return refundedAmount > 0 ? 'PARTIALLY_REFUNDED' : 'CAPTURED';
}

/**
 * A payment's earlier refund under the request's key answers the request only if it is the same:
 * an amount named must be the one refunded (none named matches, as a retry of "all that was left").
 */
export function assertSameRefund(record: RefundRecord, request: RefundRequest): void {
  if (request.amount !== undefined && request.amount !== record.amount) {
    throw new RefundConflictError(
      `The idempotency key ${request.idempotencyKey} was used for a refund of ${record.amount} on order ${request.orderId}, not ${request.amount}.`,
    );
  }
}

/** What an idempotency key of POST /payments/refund stands for, from its first use on. */
export interface RefundKeyClaim {
  readonly idempotencyKey: string;
  readonly orderId: string;
  /** The amount asked; absent when none was (all that was left). */
  readonly amount?: number;
  readonly requestedBy: string;
  readonly createdDate: string;
}

export function keyClaimOf(request: RefundRequest, now: Date): RefundKeyClaim {
  const { idempotencyKey, orderId, amount, requestedBy } = request;
  return { idempotencyKey, orderId, ...(amount === undefined ? {} : { amount }), requestedBy, createdDate: now.toISOString() };
}

/** A key names one request, whatever came of it: another order or amount under it is a Conflict. */
export function assertKeyClaimedFor(claim: RefundKeyClaim, request: RefundRequest): void {
  const key = request.idempotencyKey;
  if (claim.orderId !== request.orderId) {
    throw new RefundConflictError(`The idempotency key ${key} was used for another order's refund.`);
  }
  if (claim.amount !== request.amount) {
    throw new RefundConflictError(
      `The idempotency key ${key} was used to refund ${claim.amount ?? 'all that was left'} on order ${claim.orderId}, not ${request.amount ?? 'all that is left'}.`,
    );
  }
}

/** A refund about to be asked of the provider: reserved PENDING under its key. */
export function pendingRefund(request: RefundRequest, refundId: string, amount: number, now: Date): RefundRecord {
  const date = now.toISOString();
  const { reason, requestedBy } = request;
  return { refundId, amount, reason, requestedBy, status: 'PENDING', createdDate: date, modifiedDate: date };
}

/** "3000 captured, 1000 refunded, 500 under way": how the captured amount stands. */
function accountOf(payment: Payment): string {
  const captured = capturedAmountOf(payment);
  const refunded = payment.refundedAmount ?? 0;
  const underWay = captured - refunded - refundableAmountOf(payment);
  return `${captured} captured, ${refunded} refunded${underWay > 0 ? `, ${underWay} under way` : ''}`;
}
