// OrderStatusChanged as the bus delivers it to a rule's target: the whole EventBridge event.
import type { EventBridgeEvent } from 'appsync-local/eventbridge/index.ts';

/** A type, not an interface: the event's detail is a plain record. */
export type OrderStatusChangedDetail = {
  orderId: string;
  userId: string;
  status: string;
  previousStatus: string;
  modifiedDate: string;
  products: { productId: string; quantity: number }[];
  total: number;
};

let sequence = 0;

export function anOrderStatusChanged(detail: Partial<OrderStatusChangedDetail> & { orderId: string }): EventBridgeEvent {
  sequence += 1;
  const full: OrderStatusChangedDetail = {
    userId: 'user-1',
    status: 'CANCELLED',
    previousStatus: 'NEW',
    modifiedDate: '2026-01-02T03:04:05.000Z',
    products: [{ productId: 'p-1', quantity: 1 }],
    total: 4200,
    ...detail,
  };
  return {
    version: '0',
    id: `event-${sequence}`,
    'detail-type': 'OrderStatusChanged',
    source: 'ecommerce.orders',
    account: '000000000000',
    time: '2026-01-02T03:04:05Z',
    region: 'us-east-1',
    resources: [],
    detail: full,
  };
}
