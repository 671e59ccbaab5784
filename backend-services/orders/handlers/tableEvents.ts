// The orders table's stream → OrderCreated (INSERT) and OrderStatusChanged (MODIFY of the
// status) on the bus, through the shared outbox. Orders are never deleted.
import { observedHandler } from '../../platform/observability.ts';
import { type ItemChange, outboxHandler } from '../../platform/outbox.ts';
import { config } from '../config.ts';
import type { OrderItem } from '../../../domain/order.ts';
import { type OrderEvent, orderCreated, orderStatusChanged } from '../events.ts';

export const handler = observedHandler(
  'orders',
  outboxHandler<OrderItem>(
    { region: config.region, eventBusName: config.eventBusName, endpoint: config.eventBusEndpoint },
    toOrderEvent,
  ),
);

export function toOrderEvent(change: ItemChange<OrderItem>): OrderEvent | undefined {
  switch (change.kind) {
    case 'INSERT':
      return orderCreated(change.new, change.time);
    case 'MODIFY':
      return orderStatusChanged(change.old, change.new, change.time);
    case 'REMOVE':
      return undefined;
  }
}
