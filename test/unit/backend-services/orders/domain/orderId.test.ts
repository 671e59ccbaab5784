import { describe, expect, it } from 'vitest';
import { deriveOrderId, newOrderId } from '../../../../../backend-services/orders/domain/orderId.ts';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('deriveOrderId', () => {
  it('makes a UUID (version 8, RFC variant) of the operation, the user and the key', () => {
    expect(deriveOrderId('createOrder', 'u-1', 'k-1')).toMatch(UUID_V8);
  });

  it('gives the same id for the same three, every time', () => {
    expect(deriveOrderId('placeOrder', 'u-1', 'k-1')).toBe(deriveOrderId('placeOrder', 'u-1', 'k-1'));
  });

  it('gives another id when any of the three differs', () => {
    const ids = [
      deriveOrderId('createOrder', 'u-1', 'k-1'),
      deriveOrderId('placeOrder', 'u-1', 'k-1'),
      deriveOrderId('createOrder', 'u-2', 'k-1'),
      deriveOrderId('createOrder', 'u-1', 'k-2'),
    ];
    expect(new Set(ids).size).toBe(4);
  });

  it('does not confuse where one part ends and the next begins', () => {
    expect(deriveOrderId('createOrder', 'u:1', 'k')).not.toBe(deriveOrderId('createOrder', 'u', '1:k'));
  });
});

describe('newOrderId', () => {
  it('makes a random UUID', () => {
    expect(newOrderId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newOrderId()).not.toBe(newOrderId());
  });
});
