import { describe, expect, it } from 'vitest';
import { placed, refused, statusCodeOf, unavailable } from '../../../../../backend-services/orders/domain/createOrderResponse.ts';
import { toOrder } from '../../../../../domain/order.ts';
import { emptyCart, outOfStock } from '../../../../../backend-services/orders/domain/orderErrors.ts';
import { anOrderItem } from '../../../../support/backend-services/orders.ts';

describe('CreateOrderResponse', () => {
  it('answers a placed order with 200, no errors, and the order in its GraphQL shape', () => {
    const order = toOrder(anOrderItem('o-1', { idempotencyKey: 'k' }));
    const response = placed(order);
    expect(response).toEqual({ success: true, message: 'Order o-1 was placed.', errors: [], order });
    expect(response.order).not.toHaveProperty('subtotal');
    expect(response.order).not.toHaveProperty('idempotencyKey');
    expect(statusCodeOf(response)).toBe(200);
  });

  it("answers a refusal with 422 and a message that repeats each error's", () => {
    const response = refused([emptyCart(), outOfStock({ productId: 'p', name: 'Pen' }, 2, 1)]);
    expect(response).toEqual({
      success: false,
      message:
        'The order was not placed. The cart is empty: there is nothing to order. "Pen" (p) is out of stock: 2 ordered, only 1 is left.',
      errors: [
        expect.objectContaining({ code: 'EMPTY_CART' }),
        expect.objectContaining({ code: 'OUT_OF_STOCK', productId: 'p' }),
      ],
      order: null,
    });
    expect(statusCodeOf(response)).toBe(422);
  });

  it('answers a backend that did not answer with 503 SERVICE_UNAVAILABLE, its message saying what is known', () => {
    const response = unavailable('The payment service did not answer.');
    expect(response).toEqual({
      success: false,
      message: 'The payment service did not answer.',
      errors: [{ code: 'SERVICE_UNAVAILABLE', message: 'The payment service did not answer.' }],
      order: null,
    });
    expect(statusCodeOf(response)).toBe(503);
  });
});
