import { describe, expect, it } from 'vitest';
import {
  MAX_ORDER_LINES,
  parseCreateOrderRequest,
  parsePlaceOrderRequest,
} from '../../../../../backend-services/orders/domain/checkoutRequest.ts';

const address = {
  name: 'Ada Lovelace',
  streetAddress: '1 Main Street',
  city: 'Stockholm',
  country: 'SE',
  phoneNumber: '+46 8 123 456',
};
const order = { products: [{ productId: 'p-1', quantity: 2 }], address, deliveryPrice: 0, paymentToken: 'tok-1' };
const input = { address, deliveryPrice: 0, paymentToken: 'tok-1' };

describe('parseCreateOrderRequest', () => {
  it('answers the request of a valid body', () => {
    expect(parseCreateOrderRequest({ userId: 'u-1', order, idempotencyKey: 'k-1' })).toEqual({
      request: {
        operation: 'createOrder',
        userId: 'u-1',
        idempotencyKey: 'k-1',
        lines: [{ productId: 'p-1', quantity: 2 }],
        address,
        deliveryPrice: 0,
        payment: { method: 'CARD', paymentToken: 'tok-1' },
      },
    });
  });

  it('leaves the idempotency key out when it is null or missing', () => {
    expect(parseCreateOrderRequest({ userId: 'u-1', order, idempotencyKey: null })).toEqual({
      request: expect.not.objectContaining({ idempotencyKey: expect.anything() }),
    });
    expect(parseCreateOrderRequest({ userId: 'u-1', order })).toEqual({
      request: expect.not.objectContaining({ idempotencyKey: expect.anything() }),
    });
  });

  it('merges lines of the same product, in the order each is first named', () => {
    const products = [
      { productId: 'b', quantity: 1 },
      { productId: 'a', quantity: 2 },
      { productId: 'b', quantity: 3 },
    ];
    expect(parseCreateOrderRequest({ userId: 'u-1', order: { ...order, products } })).toEqual({
      request: expect.objectContaining({
        lines: [
          { productId: 'b', quantity: 4 },
          { productId: 'a', quantity: 2 },
        ],
      }),
    });
  });

  it('normalizes the address: the country upper-cased, optional fields that are null or blank left out', () => {
    const given = { ...address, country: ' fr ', companyName: null, postCode: '  ', state: 'Île-de-France' };
    expect(parseCreateOrderRequest({ userId: 'u-1', order: { ...order, address: given } })).toEqual({
      request: expect.objectContaining({ address: { ...address, country: 'FR', state: 'Île-de-France' } }),
    });
  });

  it('accepts the most lines one transaction can take, and keys of 64 characters', () => {
    const products = Array.from({ length: MAX_ORDER_LINES }, (_, i) => ({ productId: `p-${i}`, quantity: 999 }));
    expect(
      parseCreateOrderRequest({ userId: 'u-1', order: { ...order, products }, idempotencyKey: 'aZ0._:-'.padEnd(64, 'x') }),
    ).toHaveProperty('request');
  });

  const refusals: [string, unknown, RegExp][] = [
    ['a body that is not an object', [order], /JSON object/],
    ['no userId', { order }, /userId/],
    ['a blank userId', { userId: '  ', order }, /userId/],
    ['no order', { userId: 'u-1' }, /order must be an object/],
    ['no products', { userId: 'u-1', order: { ...order, products: [] } }, /at least one product/],
    ['products that are not a list', { userId: 'u-1', order: { ...order, products: 'p-1' } }, /list/],
    [
      'a quantity of 0',
      { userId: 'u-1', order: { ...order, products: [{ productId: 'p-1', quantity: 0 }] } },
      /quantity.*1 to 999/,
    ],
    ['a quantity of 1000', { userId: 'u-1', order: { ...order, products: [{ productId: 'p-1', quantity: 1000 }] } }, /quantity/],
    [
      'a fractional quantity',
      { userId: 'u-1', order: { ...order, products: [{ productId: 'p-1', quantity: 1.5 }] } },
      /quantity/,
    ],
    [
      'a quantity given as a string',
      { userId: 'u-1', order: { ...order, products: [{ productId: 'p-1', quantity: '2' }] } },
      /quantity/,
    ],
    ['a line without a productId', { userId: 'u-1', order: { ...order, products: [{ quantity: 1 }] } }, /productId/],
    [
      'merged quantities above 999',
      {
        userId: 'u-1',
        order: {
          ...order,
          products: [
            { productId: 'p-1', quantity: 500 },
            { productId: 'p-1', quantity: 500 },
          ],
        },
      },
      /add up to 1000/,
    ],
    [
      'more lines than one transaction takes',
      {
        userId: 'u-1',
        order: { ...order, products: Array.from({ length: 50 }, (_, i) => ({ productId: `p-${i}`, quantity: 1 })) },
      },
      /at most 49/,
    ],
    ['no address', { userId: 'u-1', order: { ...order, address: undefined } }, /address must be an object/],
    [
      'a blank address.phoneNumber',
      { userId: 'u-1', order: { ...order, address: { ...address, phoneNumber: ' ' } } },
      /address\.phoneNumber/,
    ],
    [
      'an optional address field that is not a string',
      { userId: 'u-1', order: { ...order, address: { ...address, postCode: 12345 } } },
      /address\.postCode/,
    ],
    ['a negative deliveryPrice', { userId: 'u-1', order: { ...order, deliveryPrice: -1 } }, /deliveryPrice/],
    ['a fractional deliveryPrice', { userId: 'u-1', order: { ...order, deliveryPrice: 9.5 } }, /deliveryPrice/],
    ['a blank paymentToken', { userId: 'u-1', order: { ...order, paymentToken: ' ' } }, /paymentToken.*not blank/],
    ['a paymentToken that is not a string', { userId: 'u-1', order: { ...order, paymentToken: 42 } }, /paymentToken/],
    [
      'GATEWAY with a paymentToken',
      { userId: 'u-1', order: { ...order, paymentMethod: 'GATEWAY' } },
      /paymentToken must not be given with paymentMethod GATEWAY/,
    ],
    [
      'an unknown paymentMethod',
      { userId: 'u-1', order: { ...order, paymentMethod: 'CASH' } },
      /paymentMethod.*CARD or GATEWAY.*"CASH"/,
    ],
    ['an empty idempotency key', { userId: 'u-1', order, idempotencyKey: '' }, /idempotencyKey/],
    ['an idempotency key of 65 characters', { userId: 'u-1', order, idempotencyKey: 'k'.repeat(65) }, /idempotencyKey/],
    ['an idempotency key with a space', { userId: 'u-1', order, idempotencyKey: 'my key' }, /idempotencyKey/],
  ];
  it.each([
    ['no paymentToken', { ...order, paymentToken: undefined }],
    ['CARD with a null paymentToken', { ...order, paymentMethod: 'CARD', paymentToken: null }],
  ])('answers a request with %s without a payment: checkout places it only if it costs nothing', (_case, fields) => {
    const parsed = parseCreateOrderRequest({ userId: 'u-1', order: fields });
    expect(parsed).toEqual({ request: expect.objectContaining({ operation: 'createOrder', userId: 'u-1' }) });
    expect('request' in parsed && parsed.request.payment).toBeUndefined();
  });

  it('answers a GATEWAY request without a payment token', () => {
    const parsed = parseCreateOrderRequest({ userId: 'u-1', order: { ...order, paymentMethod: 'GATEWAY', paymentToken: null } });
    expect(parsed).toMatchObject({ request: { operation: 'createOrder', payment: { method: 'GATEWAY' } } });
  });

  it.each(refusals)('refuses %s', (_case, body, problem) => {
    const parsed = parseCreateOrderRequest(body);
    expect(parsed).toEqual({ problems: [expect.stringMatching(problem)] });
  });

  it('lists every problem of a body, not only the first', () => {
    const parsed = parseCreateOrderRequest({
      userId: '',
      order: {
        products: [{ productId: '', quantity: 0 }],
        address: { ...address, name: '', city: '' },
        deliveryPrice: 'free',
        paymentToken: '',
      },
      idempotencyKey: 'no spaces please',
    });
    expect('problems' in parsed && parsed.problems).toHaveLength(8);
  });
});

describe('parsePlaceOrderRequest', () => {
  it("answers a request without lines: they are the cart's", () => {
    expect(parsePlaceOrderRequest({ userId: 'u-1', input })).toEqual({
      request: {
        operation: 'placeOrder',
        userId: 'u-1',
        address,
        deliveryPrice: 0,
        payment: { method: 'CARD', paymentToken: 'tok-1' },
      },
    });
  });

  it('reads the fields from input, not order', () => {
    expect(parsePlaceOrderRequest({ userId: 'u-1', order: input })).toEqual({ problems: ['input must be an object.'] });
  });

  it('lists every problem of its input', () => {
    expect(parsePlaceOrderRequest({ userId: 'u-1', input: { address: {}, deliveryPrice: -5 } })).toEqual({
      problems: [
        'address.name must be given and not blank.',
        'address.streetAddress must be given and not blank.',
        'address.city must be given and not blank.',
        'address.country must be given and not blank.',
        'address.phoneNumber must be given and not blank.',
        'deliveryPrice must be a whole number of cents, 0 or more; it is -5.',
      ],
    });
  });
});
