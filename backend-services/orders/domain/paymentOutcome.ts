// The payment service's PaymentSucceeded / PaymentFailed / PaymentExpired event, as the
// settle-awaiting-orders rule delivers it (the whole EventBridge event), and the step it takes.
// Only the payment service may put events of its source (its PutEvents grant's condition).
import { SOURCE as PAYMENT_SOURCE } from '../../payment/events.ts';
import { PAYMENT_OUTCOMES, type PaymentOutcome, type PaymentOutcomeEvent } from '../../../domain/orderLifecycle.ts';
import type { EventBridgeEvent } from '../../platform/lambdaTypes.ts';

export interface PaymentOutcomeChange extends PaymentOutcome {
  readonly orderId: string;
  readonly event: PaymentOutcomeEvent;
}

/** Throws on an event that is no payment service's gateway payment outcome with an order id: a rule or producer is wrong. */
export function parsePaymentOutcome(event: EventBridgeEvent): PaymentOutcomeChange {
  const detailType = event['detail-type'];
  const { orderId } = (event.detail ?? {}) as { orderId?: unknown };
  if (
    event.source !== PAYMENT_SOURCE ||
    !Object.hasOwn(PAYMENT_OUTCOMES, detailType) ||
    typeof orderId !== 'string' ||
    orderId === ''
  ) {
    throw new Error(
      `Expected a PaymentSucceeded, PaymentFailed or PaymentExpired event with an orderId from ${PAYMENT_SOURCE}; got ${event.source} ${detailType}.`,
    );
  }
  const outcome = PAYMENT_OUTCOMES[detailType as PaymentOutcomeEvent];
  return { orderId, event: detailType as PaymentOutcomeEvent, ...outcome };
}
