// Orders for tests: a valid item of the orders table, with what a test cares about overridden.
import type { OrderItem } from '../../../domain/order.ts';

export function anOrderItem(orderId: string, overrides: Partial<Omit<OrderItem, 'orderId'>> = {}): OrderItem {
  return {
    orderId,
    userId: 'user-1',
    status: 'NEW',
    products: [
      {
        productId: 'p-1',
        name: 'Desk Lamp',
        price: 2500,
        quantity: 2,
        package: { width: 100, length: 200, height: 300, weight: 400 },
      },
      { productId: 'p-2', name: 'Mug', price: 900, quantity: 1, package: { width: 90, length: 90, height: 110, weight: 350 } },
    ],
    address: {
      name: 'Ada Lovelace',
      streetAddress: '12 rue de la Paix',
      city: 'Paris',
      country: 'FR',
      phoneNumber: '+33123456789',
    },
    deliveryPrice: 1000,
    subtotal: 5900,
    total: 6900,
    createdDate: '2026-01-01T00:00:00.000Z',
    modifiedDate: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}
