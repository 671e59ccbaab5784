// The settle-awaiting-orders rule's target: a gateway payment's outcome moves the order that
// awaits it (domain/orderLifecycle.ts PAYMENT_OUTCOMES): paid → NEW, failed or expired →
// CANCELLED with its statusReason. The write is conditional on AWAITING_PAYMENT, so a duplicate
// or late event changes nothing; the table's stream then tells everyone else (OrderStatusChanged:
// live status, stock returned for a cancelled order). Throwing makes the bus retry the event.
import type { EventBridgeEvent } from '../../platform/lambdaTypes.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { parsePaymentOutcome } from '../domain/paymentOutcome.ts';
import { takeStatusStep } from '../store/orderStatus.ts';

const { logger } = observabilityOf('orders');

export const handler = observedHandler('orders', async (event: EventBridgeEvent): Promise<void> => {
  const step = parsePaymentOutcome(event);
  if (await takeStatusStep(step, new Date())) {
    logger.info('The payment’s outcome moved the order', { orderId: step.orderId, event: step.event, status: step.to });
    return;
  }
  // Already moved by an earlier delivery of this event (or another outcome): nothing to do.
  logger.warn('The order no longer awaits its payment; the outcome changes nothing', {
    orderId: step.orderId,
    event: step.event,
  });
});
