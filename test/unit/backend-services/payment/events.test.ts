import { describe, expect, it } from 'vitest';
import {
  paymentAuthorized,
  paymentCaptured,
  paymentRefunded,
  paymentReleased,
} from '../../../../backend-services/payment/events.ts';
import { aPayment, aRefundRecord } from '../../../support/backend-services/paymentStreamRecords.ts';

const payment = aPayment({ paymentToken: 'pt_secret', orderId: 'order-1', userId: 'user-1', amount: 4200 });
const at = new Date('2026-02-03T04:05:06Z');

describe('payment events', () => {
  it.each([
    ['PaymentAuthorized', paymentAuthorized],
    ['PaymentCaptured', paymentCaptured],
    ['PaymentReleased', paymentReleased],
  ] as const)('makes %s carry the order, the user and the amount, and no token', (detailType, factory) => {
    expect(factory(payment, at)).toEqual({
      source: 'ecommerce.payment',
      detailType,
      detail: { orderId: 'order-1', userId: 'user-1', amount: 4200 },
      time: at,
    });
  });

  it('makes PaymentRefunded carry this refund’s key and amount, the amounts after it and the status, and no token', () => {
    const first = { 'refund-1': aRefundRecord(1000, 'SUCCEEDED') };
    const before = {
      ...payment,
      status: 'PARTIALLY_REFUNDED' as const,
      capturedAmount: 4200,
      refundedAmount: 1000,
      refunds: { ...first, 'refund-2': aRefundRecord(3200, 'PENDING') },
    };
    const after = {
      ...before,
      status: 'REFUNDED' as const,
      refundedAmount: 4200,
      refunds: { ...first, 'refund-2': aRefundRecord(3200, 'SUCCEEDED') },
    };
    expect(paymentRefunded(before, after, at)).toEqual({
      source: 'ecommerce.payment',
      detailType: 'PaymentRefunded',
      detail: {
        orderId: 'order-1',
        userId: 'user-1',
        amount: 3200,
        refundKey: 'refund-2',
        refundedAmount: 4200,
        capturedAmount: 4200,
        status: 'REFUNDED',
      },
      time: at,
    });
  });

  it('counts an absent refundedAmount before the refund as nothing refunded', () => {
    const before = {
      ...payment,
      status: 'CAPTURED' as const,
      capturedAmount: 4200,
      refunds: { k: aRefundRecord(1000, 'PENDING') },
    };
    const after = {
      ...before,
      status: 'PARTIALLY_REFUNDED' as const,
      refundedAmount: 1000,
      refunds: { k: aRefundRecord(1000, 'SUCCEEDED') },
    };
    expect(paymentRefunded(before, after).detail).toMatchObject({
      amount: 1000,
      refundKey: 'k',
      refundedAmount: 1000,
      capturedAmount: 4200,
    });
  });

  it('refuses to name a refund when no refund record was done by the change (a bug of the store, not an event)', () => {
    const before = { ...payment, status: 'CAPTURED' as const, capturedAmount: 4200 };
    const after = { ...before, status: 'PARTIALLY_REFUNDED' as const, refundedAmount: 1000 };
    expect(() => paymentRefunded(before, after)).toThrow(/0 refund records done/);
  });

  it('leaves the time out when the change’s time is unknown', () => {
    expect(paymentCaptured(payment)).not.toHaveProperty('time');
  });
});
