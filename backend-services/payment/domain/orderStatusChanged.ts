// The orders service's OrderStatusChanged event, as the settle-payments rule delivers it (the
// whole EventBridge event), and the fields of its detail this service reads. Only the orders
// service may put events of its source (its PutEvents grant's condition); the rule matches that
// source, and so does this, in case a rule is ever widened.
import { SOURCE as ORDERS_SOURCE } from '../../orders/events.ts';
import type { EventBridgeEvent } from '../../platform/lambdaTypes.ts';

export interface OrderStatusChange {
  readonly orderId: string;
  readonly status: string;
}

/** Throws on an event that is not the orders service's status change of an order: a rule or producer is wrong. */
export function parseOrderStatusChange(event: EventBridgeEvent): OrderStatusChange {
  const { orderId, status } = (event.detail ?? {}) as { orderId?: unknown; status?: unknown };
  if (
    event.source !== ORDERS_SOURCE ||
    event['detail-type'] !== 'OrderStatusChanged' ||
    typeof orderId !== 'string' ||
    orderId === '' ||
    typeof status !== 'string'
  ) {
    throw new Error(
      `Expected an OrderStatusChanged event with an orderId and a status from ${ORDERS_SOURCE}; got ${event.source} ${event['detail-type']}.`,
    );
  }
  return { orderId, status };
}
