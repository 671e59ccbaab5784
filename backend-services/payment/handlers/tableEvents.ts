// The payments table's stream → PaymentAuthorized (a claim inserted), PaymentCaptured and
// PaymentReleased (a claim settled) on the bus, through the shared outbox. A voided claim
// (REMOVE) is no fact worth telling. The events never carry the token.
// PaymentRefunded: a refund recorded (refundedAmount grew), whatever the status did.
import { observedHandler } from '../../platform/observability.ts';
import { type ItemChange, outboxHandler } from '../../platform/outbox.ts';
import { config } from '../config.ts';
import type { Payment } from '../domain/payment.ts';
import { type PaymentEvent, paymentAuthorized, paymentCaptured, paymentRefunded, paymentReleased } from '../events.ts';

export const handler = observedHandler(
  'payment',
  outboxHandler<Payment>(
    { region: config.region, eventBusName: config.eventBusName, endpoint: config.eventBusEndpoint },
    toPaymentEvent,
  ),
);

export function toPaymentEvent(change: ItemChange<Payment>): PaymentEvent | undefined {
  if (change.kind === 'INSERT') return paymentAuthorized(change.new, change.time);
  if (change.kind === 'MODIFY' && (change.new.refundedAmount ?? 0) > (change.old.refundedAmount ?? 0)) {
    return paymentRefunded(change.old, change.new, change.time);
  }
  if (change.kind !== 'MODIFY' || change.old.status === change.new.status) return undefined;
  if (change.new.status === 'CAPTURED') return paymentCaptured(change.new, change.time);
  if (change.new.status === 'RELEASED') return paymentReleased(change.new, change.time);
  return undefined;
}
