// The payments table's stream → events on the bus, through the shared outbox:
//   a card claim inserted → PaymentAuthorized; settled → PaymentCaptured, PaymentReleased;
//   a gateway payment leaving PENDING → PaymentSucceeded (paid), PaymentFailed, PaymentExpired.
// A gateway payment started (PENDING) or voided (REMOVE) is no fact worth telling. The events
// never carry the token.
// PaymentRefunded: a refund recorded (refundedAmount grew), whatever the status did.
import { observedHandler } from '../../platform/observability.ts';
import { type ItemChange, outboxHandler } from '../../platform/outbox.ts';
import { config } from '../config.ts';
import type { Payment } from '../domain/payment.ts';
import {
  type PaymentEvent,
  paymentAuthorized,
  paymentCaptured,
  paymentExpired,
  paymentFailed,
  paymentRefunded,
  paymentReleased,
  paymentSucceeded,
} from '../events.ts';

export const handler = observedHandler(
  'payment',
  outboxHandler<Payment>(
    { region: config.region, eventBusName: config.eventBusName, endpoint: config.eventBusEndpoint },
    toPaymentEvent,
  ),
);

export function toPaymentEvent(change: ItemChange<Payment>): PaymentEvent | undefined {
  if (change.kind === 'INSERT')
    return change.new.status === 'AUTHORIZED' ? paymentAuthorized(change.new, change.time) : undefined;
  if (change.kind === 'MODIFY' && (change.new.refundedAmount ?? 0) > (change.old.refundedAmount ?? 0)) {
    return paymentRefunded(change.old, change.new, change.time);
  }
  if (change.kind !== 'MODIFY' || change.old.status === change.new.status) return undefined;
  const { time } = change;
  if (change.old.status === 'PENDING') {
    if (change.new.status === 'CAPTURED') return paymentSucceeded(change.new, time);
    if (change.new.status === 'FAILED') return paymentFailed(change.new, time);
    if (change.new.status === 'EXPIRED') return paymentExpired(change.new, time);
    return undefined;
  }
  if (change.new.status === 'CAPTURED') return paymentCaptured(change.new, time);
  if (change.new.status === 'RELEASED') return paymentReleased(change.new, time);
  return undefined;
}
