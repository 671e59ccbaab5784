import { describe, expect, it } from 'vitest';
import { MAX_RETURN_LINES, parseStockReturn } from '../../../../../backend-services/products/domain/stockReturn.ts';
import { anOrderStatusChanged } from '../../../../support/backend-services/orderEvents.ts';

describe('parseStockReturn', () => {
  it('reads the order and one line per product, summing a product named twice', () => {
    const event = anOrderStatusChanged({
      orderId: 'order-1',
      products: [
        { productId: 'a', quantity: 1 },
        { productId: 'b', quantity: 2 },
        { productId: 'a', quantity: 3 },
      ],
    });
    expect(parseStockReturn(event)).toEqual({
      orderId: 'order-1',
      lines: [
        { productId: 'a', quantity: 4 },
        { productId: 'b', quantity: 2 },
      ],
    });
  });

  it.each([
    ['no orderId', { orderId: undefined }],
    ['no products', { products: undefined }],
    ['a line without a productId', { products: [{ quantity: 1 }] }],
    ['a line with a quantity of 0', { products: [{ productId: 'a', quantity: 0 }] }],
    ['a line with a fractional quantity', { products: [{ productId: 'a', quantity: 1.5 }] }],
  ])('refuses an event with %s', (_case, change) => {
    const event = anOrderStatusChanged({ orderId: 'order-1' });
    expect(() => parseStockReturn({ ...event, detail: { ...event.detail, ...change } })).toThrow();
  });

  it('refuses another detail-type', () => {
    expect(() => parseStockReturn({ ...anOrderStatusChanged({ orderId: 'order-1' }), 'detail-type': 'OrderCreated' })).toThrow(
      /OrderStatusChanged/,
    );
  });

  it('refuses an OrderStatusChanged of any source but the orders service, which alone may put its events', () => {
    const event = { ...anOrderStatusChanged({ orderId: 'order-1' }), source: 'ecommerce.payment' };
    expect(() => parseStockReturn(event)).toThrow(/from ecommerce\.orders; got ecommerce\.payment OrderStatusChanged/);
  });

  it(`refuses more than ${MAX_RETURN_LINES} products, which one transaction cannot return`, () => {
    const products = Array.from({ length: MAX_RETURN_LINES + 1 }, (_, i) => ({ productId: `p-${i}`, quantity: 1 }));
    expect(() => parseStockReturn(anOrderStatusChanged({ orderId: 'order-1', products }))).toThrow(/at most 49/);
  });
});
