import { describe, expect, it } from 'vitest';
import { declineReason } from '../../../../../backend-services/payment/domain/providerPayment.ts';

describe('declineReason', () => {
  it('allows an authorised token for at least the amount', () => {
    expect(declineReason({ authorized: true, payment: { status: 'AUTHORIZED', amount: 5000 } }, 5000)).toBeUndefined();
  });

  it('says the token was captured', () => {
    expect(declineReason({ authorized: false, payment: { status: 'CAPTURED', amount: 5000 } }, 100)).toMatch(/captured/);
  });

  it('says the token was cancelled', () => {
    expect(declineReason({ authorized: false, payment: { status: 'CANCELLED', amount: 5000 } }, 100)).toMatch(/cancelled/);
  });

  it('says how much is authorised when it is less than the amount', () => {
    expect(declineReason({ authorized: false, payment: { status: 'AUTHORIZED', amount: 4000 } }, 4001)).toBe(
      'The payment token is authorised for 4000, less than the amount 4001.',
    );
  });

  it('declines when the provider does not authorise, whatever else it shows', () => {
    expect(declineReason({ authorized: false, payment: { status: 'AUTHORIZED', amount: 5000 } }, 100)).toBe(
      'The payment token is not authorised.',
    );
  });
});
