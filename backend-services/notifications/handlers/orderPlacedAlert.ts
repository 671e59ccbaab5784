// The alert-orders-placed rule's target: every order placed (OrderCreated) is told to the team on
// the order-alerts topic, with its lines and total, as the source documents ask ("notify the team
// when an order is placed"). An alert is a side channel: at least once, like the bus's delivery
// (a redelivered event repeats it), and a failure to publish is logged, never retried.
import { formatMoney } from '../../platform/money.ts';
import { alertPublisher } from '../../platform/alerts.ts';
import type { EventBridgeEvent } from '../../platform/lambdaTypes.ts';
import { SOURCE as ORDERS_SOURCE } from '../../orders/events.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { config } from '../config.ts';
import { findOrder } from '../store/ordersTable.ts';

const { logger } = observabilityOf('notifications');
const publishAlert = alertPublisher('notifications', config.alerts);

export const handler = observedHandler('notifications', async (event: EventBridgeEvent): Promise<void> => {
  const { orderId } = (event.detail ?? {}) as { orderId?: unknown };
  // Only the orders service may put events of its source (its PutEvents grant's condition).
  if (
    event.source !== ORDERS_SOURCE ||
    event['detail-type'] !== 'OrderCreated' ||
    typeof orderId !== 'string' ||
    orderId === ''
  ) {
    throw new Error(
      `Expected an OrderCreated event with an orderId from ${ORDERS_SOURCE}; got ${event.source} ${event['detail-type']}.`,
    );
  }
  const order = await findOrder(orderId);
  if (!order) {
    logger.error('OrderCreated names an order that does not exist; no alert', { orderId, eventId: event.id });
    return;
  }
  const money = (minorUnits: number) => formatMoney(minorUnits, config.currency);
  const units = order.products.reduce((sum, product) => sum + product.quantity, 0);
  await publishAlert('order-alerts', {
    subject: `Order placed: ${order.orderId}, ${money(order.total)}, ${units} item${units === 1 ? '' : 's'}`,
    message: [
      `Order ${order.orderId} was placed at ${order.createdDate} (status ${order.status}).`,
      '',
      ...order.products.map(
        (product) => `  ${product.quantity} × ${product.name} (${product.productId}) at ${money(product.price)}`,
      ),
      `  Delivery to ${order.address.city}, ${order.address.country}: ${money(order.deliveryPrice)}`,
      `  Total: ${money(order.total)}`,
    ].join('\n'),
    details: { orderId: order.orderId, userId: order.userId, status: order.status, total: order.total },
  });
});
