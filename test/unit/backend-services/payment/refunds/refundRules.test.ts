import { describe, expect, it } from 'vitest';
import type { Payment, PaymentStatus, RefundRecord } from '../../../../../backend-services/payment/domain/payment.ts';
import {
  assertKeyClaimedFor,
  assertSameRefund,
  decideRefund,
  keyClaimOf,
  refundabilityOf,
  refundableAmountOf,
  statusAfterRefund,
} from '../../../../../backend-services/payment/refunds/refundRules.ts';
import type { RefundRequest } from '../../../../../backend-services/payment/refunds/refundRequest.ts';
import { aPayment } from '../../../../support/backend-services/paymentStreamRecords.ts';

const captured = (overrides: Partial<Payment> = {}): Payment =>
  aPayment({
    orderId: 'order-1',
    amount: 5000,
    status: 'CAPTURED',
    capturedAmount: 5000,
    refundedAmount: 0,
    refundableAmount: 5000,
    ...overrides,
  });

const request = (overrides: Partial<RefundRequest> = {}): RefundRequest => ({
  orderId: 'order-1',
  reason: 'Damaged in transit',
  idempotencyKey: 'key-1',
  requestedBy: 'admin-1',
  ...overrides,
});

const record = (overrides: Partial<RefundRecord> = {}): RefundRecord => ({
  refundId: 'rf_1',
  amount: 1500,
  reason: 'Damaged in transit',
  requestedBy: 'admin-1',
  status: 'SUCCEEDED',
  createdDate: '2026-01-01T00:00:00.000Z',
  modifiedDate: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

describe('refundabilityOf', () => {
  it.each(['CAPTURED', 'PARTIALLY_REFUNDED'] as const)('refunds a %s payment, card or gateway', (status) => {
    expect(refundabilityOf(status, 'CARD')).toBe('refund');
    expect(refundabilityOf(status, 'GATEWAY')).toBe('refund');
  });

  it('releases an AUTHORIZED card payment instead of refunding it', () => {
    expect(refundabilityOf('AUTHORIZED', 'CARD')).toBe('release');
  });

  it('allows nothing on an AUTHORIZED gateway payment, a state gateways never take', () => {
    expect(refundabilityOf('AUTHORIZED', 'GATEWAY')).toBe('none');
  });

  it.each(['PENDING', 'FAILED', 'EXPIRED', 'RELEASED', 'REFUNDED'] as const)('allows nothing on a %s payment', (status) => {
    expect(refundabilityOf(status, 'CARD')).toBe('none');
    expect(refundabilityOf(status, 'GATEWAY')).toBe('none');
  });
});

describe('decideRefund', () => {
  it('refunds the amount asked', () => {
    expect(decideRefund(captured(), 1500)).toEqual({ kind: 'refund', amount: 1500 });
  });

  it('refunds all that is still refundable when no amount is asked', () => {
    expect(
      decideRefund(captured({ status: 'PARTIALLY_REFUNDED', refundedAmount: 1500, refundableAmount: 3500 }), undefined),
    ).toEqual({
      kind: 'refund',
      amount: 3500,
    });
  });

  it('refuses more than is left, naming what is left and how the captured amount stands', () => {
    const payment = captured({ status: 'PARTIALLY_REFUNDED', refundedAmount: 1000, refundableAmount: 3000 });
    expect(() => decideRefund(payment, 3001)).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message:
          'amount must be 1 to 3000, what is left to refund on order order-1 (5000 captured, 1000 refunded, 1000 under way); got 3001.',
      }),
    );
  });

  it.each([0, -100])('refuses an amount of %d, naming what is left', (amount) => {
    expect(() => decideRefund(captured(), amount)).toThrow(/amount must be 1 to 5000, what is left to refund on order order-1/);
  });

  it('refuses a refund when nothing is left (the rest under way)', () => {
    const payment = captured({ status: 'PARTIALLY_REFUNDED', refundedAmount: 4000, refundableAmount: 0 });
    expect(() => decideRefund(payment, undefined)).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: 'Nothing is left to refund on order order-1: 5000 captured, 4000 refunded, 1000 under way.',
      }),
    );
  });

  it('releases an authorised card payment whole, with no amount or the whole amount', () => {
    const authorized = aPayment({ orderId: 'order-1', amount: 4200, status: 'AUTHORIZED' });
    expect(decideRefund(authorized, undefined)).toEqual({ kind: 'release', amount: 4200 });
    expect(decideRefund(authorized, 4200)).toEqual({ kind: 'release', amount: 4200 });
  });

  it('refuses to release part of an authorised card payment', () => {
    const authorized = aPayment({ orderId: 'order-1', amount: 4200, status: 'AUTHORIZED' });
    expect(() => decideRefund(authorized, 1000)).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/released whole, so amount must be 4200 or absent/),
      }),
    );
  });

  it.each(['PENDING', 'FAILED', 'EXPIRED', 'RELEASED', 'REFUNDED'] as const)(
    'refuses a %s payment with a Conflict naming the status',
    (status) => {
      expect(() => decideRefund(aPayment({ orderId: 'order-1', status }), undefined)).toThrow(
        expect.objectContaining({
          code: 'CONFLICT',
          message: `Order order-1's payment is ${status}: there is nothing to refund or release.`,
        }),
      );
    },
  );

  it('counts a payment written before refunds by its status: all of a CAPTURED one is refundable', () => {
    const legacy = aPayment({ orderId: 'order-1', amount: 4200, status: 'CAPTURED' });
    expect(refundableAmountOf(legacy)).toBe(4200);
    expect(decideRefund(legacy, undefined)).toEqual({ kind: 'refund', amount: 4200 });
  });
});

describe('statusAfterRefund', () => {
  it.each([
    [5000, 1, 'PARTIALLY_REFUNDED'],
    [5000, 4999, 'PARTIALLY_REFUNDED'],
    [5000, 5000, 'REFUNDED'],
    [5000, 0, 'CAPTURED'],
  ] as const)('makes a payment of %d captured, %d refunded, %s', (capturedAmount, refundedAmount, status: PaymentStatus) => {
    expect(statusAfterRefund(capturedAmount, refundedAmount)).toBe(status);
  });
});

describe('assertSameRefund', () => {
  it('takes the same amount, or none, for the key’s refund', () => {
    expect(() => assertSameRefund(record({ amount: 1500 }), request({ amount: 1500 }))).not.toThrow();
    expect(() => assertSameRefund(record({ amount: 1500 }), request())).not.toThrow();
  });

  it('refuses another amount under the key with a Conflict', () => {
    expect(() => assertSameRefund(record({ amount: 1500 }), request({ amount: 1600 }))).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: 'The idempotency key key-1 was used for a refund of 1500 on order order-1, not 1600.',
      }),
    );
  });
});

describe('assertKeyClaimedFor', () => {
  const at = new Date('2026-01-01T00:00:00Z');

  it('takes the request the key was claimed for', () => {
    expect(() => assertKeyClaimedFor(keyClaimOf(request({ amount: 700 }), at), request({ amount: 700 }))).not.toThrow();
    expect(() => assertKeyClaimedFor(keyClaimOf(request(), at), request({ reason: 'Another reason' }))).not.toThrow();
  });

  it('refuses the key for another order', () => {
    expect(() => assertKeyClaimedFor(keyClaimOf(request(), at), request({ orderId: 'order-2' }))).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: "The idempotency key key-1 was used for another order's refund." }),
    );
  });

  it('refuses the key for another amount, a named one and none alike', () => {
    expect(() => assertKeyClaimedFor(keyClaimOf(request({ amount: 700 }), at), request({ amount: 800 }))).toThrow(
      /used to refund 700 on order order-1, not 800/,
    );
    expect(() => assertKeyClaimedFor(keyClaimOf(request({ amount: 700 }), at), request())).toThrow(
      /used to refund 700 on order order-1, not all that is left/,
    );
    expect(() => assertKeyClaimedFor(keyClaimOf(request(), at), request({ amount: 700 }))).toThrow(
      /used to refund all that was left on order order-1, not 700/,
    );
  });
});
