import { describe, expect, it } from 'vitest';
import { parsePaymentOutcome } from '../../../../../backend-services/orders/domain/paymentOutcome.ts';
import { aMoneyTakenEvent } from '../../../../support/backend-services/paymentEvents.ts';

describe('parsePaymentOutcome', () => {
  it("reads the order and the step of the payment service's PaymentSucceeded", () => {
    expect(parsePaymentOutcome(aMoneyTakenEvent('PaymentSucceeded', { orderId: 'order-1' }))).toMatchObject({
      orderId: 'order-1',
      event: 'PaymentSucceeded',
    });
  });

  it('refuses a payment outcome of any source but the payment service, which alone may put its events', () => {
    const forged = { ...aMoneyTakenEvent('PaymentSucceeded', { orderId: 'order-1' }), source: 'ecommerce.orders' };
    expect(() => parsePaymentOutcome(forged)).toThrow(/from ecommerce\.payment; got ecommerce\.orders PaymentSucceeded/);
  });

  it('refuses an event that is no gateway outcome', () => {
    expect(() => parsePaymentOutcome(aMoneyTakenEvent('PaymentCaptured', { orderId: 'order-1' }))).toThrow(/PaymentExpired/);
  });
});
