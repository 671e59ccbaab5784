import { describe, expect, it } from 'vitest';
import type { PaymentStatus } from '../../../../../backend-services/payment/domain/payment.ts';
import { decideSettlement, providerStatusFor, settlementFor } from '../../../../../backend-services/payment/domain/settlement.ts';

describe('settlementFor', () => {
  it('captures a FULFILLED order’s payment', () => {
    expect(settlementFor('FULFILLED')).toBe('CAPTURED');
  });

  it.each(['CANCELLED', 'PACKAGING_FAILED', 'DELIVERY_FAILED'])('releases a %s order’s payment', (status) => {
    expect(settlementFor(status)).toBe('RELEASED');
  });

  it.each(['NEW', 'PACKAGED', 'toString', 'constructor'])('settles nothing for %s', (status) => {
    expect(settlementFor(status)).toBeUndefined();
  });
});

describe('decideSettlement', () => {
  const card = (status: PaymentStatus) => ({ status, method: 'CARD' as const });
  const gateway = (status: PaymentStatus) => ({ status, method: 'GATEWAY' as const });

  it.each(['CAPTURED', 'RELEASED'] as const)('settles an AUTHORIZED card payment to %s', (target) => {
    expect(decideSettlement(card('AUTHORIZED'), target)).toBe('settle');
    expect(decideSettlement({ status: 'AUTHORIZED' }, target)).toBe('settle');
  });

  it.each(['CAPTURED', 'RELEASED'] as const)('is done when the payment is %s already', (status) => {
    expect(decideSettlement(card(status), status)).toBe('done');
  });

  it('never captures a RELEASED card payment, nor releases a CAPTURED one', () => {
    expect(decideSettlement(card('RELEASED'), 'CAPTURED')).toBe('contradicted');
    expect(decideSettlement(card('CAPTURED'), 'RELEASED')).toBe('contradicted');
  });

  it('is done capturing a gateway payment, captured when paid, and anything refunded since', () => {
    for (const status of ['CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED'] as const) {
      expect(decideSettlement(gateway(status), 'CAPTURED')).toBe('done');
    }
  });

  it('refunds a paid gateway payment when its order ends undelivered, and what is left of a partly refunded one', () => {
    expect(decideSettlement(gateway('CAPTURED'), 'RELEASED')).toBe('refund');
    expect(decideSettlement(gateway('PARTIALLY_REFUNDED'), 'RELEASED')).toBe('refund');
  });

  it.each(['FAILED', 'EXPIRED', 'REFUNDED'] as const)('is done releasing a gateway payment %s', (status) => {
    expect(decideSettlement(gateway(status), 'RELEASED')).toBe('done');
  });

  it('never settles a gateway payment still PENDING', () => {
    expect(decideSettlement(gateway('PENDING'), 'RELEASED')).toBe('contradicted');
    expect(decideSettlement(gateway('PENDING'), 'CAPTURED')).toBe('contradicted');
  });
});

describe('providerStatusFor', () => {
  it('expects the provider to show CAPTURED for a capture and CANCELLED for a release', () => {
    expect(providerStatusFor('CAPTURED')).toBe('CAPTURED');
    expect(providerStatusFor('RELEASED')).toBe('CANCELLED');
  });
});
