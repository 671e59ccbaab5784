import { describe, expect, it } from 'vitest';
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
  it.each(['CAPTURED', 'RELEASED'] as const)('settles an AUTHORIZED payment to %s', (target) => {
    expect(decideSettlement('AUTHORIZED', target)).toBe('settle');
  });

  it.each(['CAPTURED', 'RELEASED'] as const)('is done when the payment is %s already', (status) => {
    expect(decideSettlement(status, status)).toBe('done');
  });

  it('never captures a RELEASED payment, nor releases a CAPTURED one', () => {
    expect(decideSettlement('RELEASED', 'CAPTURED')).toBe('contradicted');
    expect(decideSettlement('CAPTURED', 'RELEASED')).toBe('contradicted');
  });
});

describe('providerStatusFor', () => {
  it('expects the provider to show CAPTURED for a capture and CANCELLED for a release', () => {
    expect(providerStatusFor('CAPTURED')).toBe('CAPTURED');
    expect(providerStatusFor('RELEASED')).toBe('CANCELLED');
  });
});
