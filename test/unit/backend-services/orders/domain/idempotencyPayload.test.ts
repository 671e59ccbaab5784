import { describe, expect, it } from 'vitest';
import type { CheckoutRequest } from '../../../../../backend-services/orders/domain/checkoutRequest.ts';
import { idempotencyPayload } from '../../../../../backend-services/orders/domain/idempotencyPayload.ts';

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
