import { describe, expect, it } from 'vitest';
import { orderCreated, orderStatusChanged } from '../../../../backend-services/orders/events.ts';
import { anOrderItem } from '../../../support/backend-services/orders.ts';

const order = anOrderItem('o-1', { idempotencyKey: 'k-1' });
const at = new Date('2026-02-03T04:05:06Z');

describe('order events', () => {
  it("makes OrderCreated carry the order's money and lines, but no address and no key", () => {
    expect(orderCreated(order, at)).toEqual({
      source: 'ecommerce.orders',
      detailType: 'OrderCreated',
      time: at,
      detail: {
        orderId: 'o-1',
        userId: 'user-1',
        status: 'NEW',
        products: [
          { productId: 'p-1', quantity: 2, price: 2500 },
          { productId: 'p-2', quantity: 1, price: 900 },
        ],
        deliveryPrice: 1000,
        subtotal: 5900,
        total: 6900,
        createdDate: order.createdDate,
        modifiedDate: order.modifiedDate,
      },
    });
  });

  it('makes OrderStatusChanged carry both statuses, the reason, the lines and the total', () => {
    const cancelled = {
      ...order,
      status: 'CANCELLED' as const,
      previousStatus: 'NEW' as const,
      statusReason: 'CANCELLED_BY_CUSTOMER',
      modifiedDate: '2026-02-03T04:05:06.000Z',
    };
    expect(orderStatusChanged(order, cancelled)).toEqual({
      source: 'ecommerce.orders',
      detailType: 'OrderStatusChanged',
      detail: {
        orderId: 'o-1',
        userId: 'user-1',
        status: 'CANCELLED',
        previousStatus: 'NEW',
        statusReason: 'CANCELLED_BY_CUSTOMER',
        modifiedDate: '2026-02-03T04:05:06.000Z',
        products: [
          { productId: 'p-1', quantity: 2 },
          { productId: 'p-2', quantity: 1 },
        ],
        total: 6900,
      },
    });
  });

  it('makes no OrderStatusChanged when the status stayed', () => {
    expect(orderStatusChanged(order, { ...order, modifiedDate: '2026-02-03T04:05:06.000Z' })).toBeUndefined();
  });
});
