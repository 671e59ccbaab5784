import { describe, expect, it } from 'vitest';
import type { CheckoutRequest } from '../../../../../backend-services/orders/domain/checkoutRequest.ts';
import { idempotencyPayload, idempotencyPayloadHash } from '../../../../../backend-services/orders/domain/idempotencyPayload.ts';

const address = { name: 'Ada', streetAddress: '1 Main Street', city: 'Paris', country: 'FR', phoneNumber: '1' };
const base: CheckoutRequest = {
  operation: 'createOrder',
  userId: 'u-1',
  idempotencyKey: 'k',
  address,
  deliveryPrice: 1000,
  payment: { method: 'CARD', paymentToken: 't' },
};

describe('idempotencyPayload', () => {
  it("is createOrder's order, its lines sorted by product", () => {
    const request = {
      ...base,
      lines: [
        { productId: 'b', quantity: 1 },
        { productId: 'a', quantity: 2 },
      ],
    };
    expect(idempotencyPayload(request)).toEqual({
      products: [
        { productId: 'a', quantity: 2 },
        { productId: 'b', quantity: 1 },
      ],
      address,
      deliveryPrice: 1000,
      paymentMethod: 'CARD',
      paymentToken: 't',
    });
    expect(request.lines[0]!.productId).toBe('b');
  });

  it("is placeOrder's input, without lines", () => {
    expect(idempotencyPayload({ ...base, operation: 'placeOrder' })).toEqual({
      address,
      deliveryPrice: 1000,
      paymentMethod: 'CARD',
      paymentToken: 't',
    });
  });

  it('leaves the scope (operation, user, key) out', () => {
    expect(idempotencyPayload({ ...base, userId: 'u-2', idempotencyKey: 'other' })).toEqual(idempotencyPayload(base));
  });
});

describe('idempotencyPayloadHash', () => {
  const hashOf = (request: CheckoutRequest) => idempotencyPayloadHash(idempotencyPayload(request));

  it('is a SHA-256 in hex', () => {
    expect(hashOf(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('depends on the values only: not on the order of lines, nor of an object’s fields', () => {
    const lines = [
      { productId: 'a', quantity: 2 },
      { productId: 'b', quantity: 1 },
    ];
    const reordered = {
      ...base,
      lines: [...lines].reverse(),
      address: { phoneNumber: '1', country: 'FR', city: 'Paris', streetAddress: '1 Main Street', name: 'Ada' },
    };
    expect(hashOf(reordered)).toBe(hashOf({ ...base, lines }));
  });

  it('differs for another payload', () => {
    expect(hashOf({ ...base, deliveryPrice: 1001 })).not.toBe(hashOf(base));
    expect(hashOf({ ...base, payment: { method: 'CARD', paymentToken: 'u' } })).not.toBe(hashOf(base));
    expect(hashOf({ ...base, address: { ...address, city: 'Lyon' } })).not.toBe(hashOf(base));
  });
});
