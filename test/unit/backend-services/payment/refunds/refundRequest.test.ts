import { describe, expect, it } from 'vitest';
import { parseRefundRequest, settlementRefundKey } from '../../../../../backend-services/payment/refunds/refundRequest.ts';

const body = { orderId: 'order-1', amount: 1500, reason: 'Damaged in transit', idempotencyKey: 'key-1', requestedBy: 'admin-1' };

describe('parseRefundRequest', () => {
  it('reads the request', () => {
    expect(parseRefundRequest(body)).toEqual(body);
  });

  it('leaves the amount out when it is absent or null: all that is left', () => {
    const { amount: _amount, ...rest } = body;
    expect(parseRefundRequest(rest)).toEqual(rest);
    expect(parseRefundRequest({ ...rest, amount: null })).toEqual(rest);
  });

  it('takes an amount of 0 or less as asked: the payment says what is left', () => {
    expect(parseRefundRequest({ ...body, amount: 0 }).amount).toBe(0);
  });

  it('takes a reason of 500 characters, counted as characters', () => {
    expect(parseRefundRequest({ ...body, reason: '€'.repeat(500) }).reason).toHaveLength(500);
  });

  it.each([
    ['a body that is no object', [], /The body must be a JSON object/],
    ['no orderId', { ...body, orderId: '' }, /orderId must be a non-empty string/],
    ['a fractional amount', { ...body, amount: 10.5 }, /amount must be a whole number of minor units/],
    ['an amount as a string', { ...body, amount: '1500' }, /amount must be a whole number of minor units/],
    ['a blank reason', { ...body, reason: '  ' }, /reason must be 1 to 500 characters, not blank/],
    ['a reason of 501 characters', { ...body, reason: 'x'.repeat(501) }, /reason must be 1 to 500 characters/],
    ['no idempotencyKey', { ...body, idempotencyKey: undefined }, /idempotencyKey must be 1 to 64 letters/],
    ['a key of 65 characters', { ...body, idempotencyKey: 'k'.repeat(65) }, /idempotencyKey must be 1 to 64 letters/],
    ['a key with a space', { ...body, idempotencyKey: 'key 1' }, /idempotencyKey must be 1 to 64 letters/],
    ['a key of settlement’s', { ...body, idempotencyKey: settlementRefundKey('CANCELLED') }, /must not start with "release-"/],
    ['no requestedBy', { ...body, requestedBy: undefined }, /requestedBy must be a non-empty string/],
  ])('refuses %s with INVALID_INPUT', (_case, input, message) => {
    expect(() => parseRefundRequest(input)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(message) }),
    );
  });
});
