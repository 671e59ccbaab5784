// The orders service's OrderStatusChanged event, as the settle-payments rule delivers it (the
// whole EventBridge event), and the fields of its detail this service reads.
import type { EventBridgeEvent } from '../../platform/lambdaTypes.ts';

export interface OrderStatusChange {
  readonly orderId: string;
  readonly status: string;
}

/** Throws on an event that is not an order's status change: a rule or producer is wrong. */
export function parseOrderStatusChange(event: EventBridgeEvent): OrderStatusChange {
  const { orderId, status } = (event.detail ?? {}) as { orderId?: unknown; status?: unknown };
  if (
    event['detail-type'] !== 'OrderStatusChanged' ||
    typeof orderId !== 'string' ||
    orderId === '' ||
    typeof status !== 'string'
  ) {
    throw new Error(
      `Expected an OrderStatusChanged event with an orderId and a status; got ${event.source} ${event['detail-type']}.`,
    );
  }
  return { orderId, status };
}
