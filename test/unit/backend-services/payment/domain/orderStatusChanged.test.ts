import { describe, expect, it } from 'vitest';
import { parseOrderStatusChange } from '../../../../../backend-services/payment/domain/orderStatusChanged.ts';
import { anOrderStatusChanged } from '../../../../support/backend-services/orderEvents.ts';

describe('parseOrderStatusChange', () => {
  it("reads the order and its new status from the orders service's event", () => {
    expect(parseOrderStatusChange(anOrderStatusChanged({ orderId: 'order-1', status: 'FULFILLED' }))).toEqual({
      orderId: 'order-1',
      status: 'FULFILLED',
    });
  });

  it('refuses an OrderStatusChanged of any source but the orders service, which alone may put its events', () => {
    const forged = { ...anOrderStatusChanged({ orderId: 'order-1', status: 'FULFILLED' }), source: 'ecommerce.products' };
    expect(() => parseOrderStatusChange(forged)).toThrow(/from ecommerce\.orders; got ecommerce\.products OrderStatusChanged/);
  });

  it('refuses another detail-type, and an event without an orderId', () => {
    const event = anOrderStatusChanged({ orderId: 'order-1' });
    expect(() => parseOrderStatusChange({ ...event, 'detail-type': 'OrderCreated' })).toThrow(/OrderStatusChanged/);
    expect(() => parseOrderStatusChange({ ...event, detail: { ...event.detail, orderId: '' } })).toThrow(/orderId/);
  });
});
