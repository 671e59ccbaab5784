// The email-order-updates rule's target: an order was placed (OrderCreated) or changed status
// (OrderStatusChanged), so its customer may get an email: the confirmation when it is NEW, the
// status emails after (domain/emailKinds.ts STATUS_EMAILS). The event says which status; the
// order itself (lines, totals, address, email address) is read from the orders table. The reason
// printed is the event's, the one the order had on entering this status. Throwing makes the bus
// retry the event and finally dead-letter it.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { OrderStatus } from '../../../generated/graphql.ts';
import type { EventBridgeEvent } from '../../platform/lambdaTypes.ts';
import { SOURCE as ORDERS_SOURCE } from '../../orders/events.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { STATUS_EMAILS } from '../domain/emailKinds.ts';
import { sendOrderEmail } from '../sendOrderEmail.ts';
import { findOrder } from '../store/ordersTable.ts';

const { logger, metrics } = observabilityOf('notifications');

/** The orders service's events that carry an order's new status. */
export const ORDER_STATUS_EVENTS = ['OrderCreated', 'OrderStatusChanged'] as const;

export const handler = observedHandler('notifications', async (event: EventBridgeEvent): Promise<void> => {
  const { orderId, status, statusReason } = parseOrderEvent(event);
  const kind = STATUS_EMAILS[status];
  if (!kind) return;
  const order = await findOrder(orderId);
  if (!order) {
    // An event for an order that is not there: no retry will make it appear.
    logger.error('An order event names an order that does not exist; no email sent', { orderId, eventId: event.id });
    metrics.addMetric('EmailOrderNotFound', MetricUnit.Count, 1);
    return;
  }
  const reason = statusReason ?? undefined;
  await sendOrderEmail({ kind, order: { ...order, ...(reason ? { statusReason: reason } : {}) } });
});

interface OrderEvent {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly statusReason: string | null;
}

/** The orders service's event (only it may put events of its source); throws on anything else. */
function parseOrderEvent(event: EventBridgeEvent): OrderEvent {
  const detail = (event.detail ?? {}) as { orderId?: unknown; status?: unknown; statusReason?: unknown };
  const detailType = event['detail-type'];
  if (
    event.source !== ORDERS_SOURCE ||
    !(ORDER_STATUS_EVENTS as readonly string[]).includes(detailType) ||
    typeof detail.orderId !== 'string' ||
    detail.orderId === '' ||
    typeof detail.status !== 'string'
  ) {
    throw new Error(
      `Expected an OrderCreated or OrderStatusChanged event with orderId and status from ${ORDERS_SOURCE}; got ${event.source} ${detailType}.`,
    );
  }
  return {
    orderId: detail.orderId,
    status: detail.status as OrderStatus,
    statusReason: typeof detail.statusReason === 'string' ? detail.statusReason : null,
  };
}
