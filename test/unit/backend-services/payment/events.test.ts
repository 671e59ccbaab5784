import { describe, expect, it } from 'vitest';
import { paymentAuthorized, paymentCaptured, paymentReleased } from '../../../../backend-services/payment/events.ts';
import { aPayment } from '../../../support/backend-services/paymentStreamRecords.ts';

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

  it('leaves the time out when the change’s time is unknown', () => {
    expect(paymentCaptured(payment)).not.toHaveProperty('time');
  });
});
