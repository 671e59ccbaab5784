// The payment service's money-taken events as the bus delivers them to a rule's target: the whole
// EventBridge event, its detail as backend-services/payment/events.ts builds it.
import type { EventBridgeEvent } from 'appsync-local/eventbridge/index.ts';
import type { PaymentDetail } from '../../../backend-services/payment/events.ts';

/** A type, not an interface: the event's detail is a plain record. */
type Detail = { [K in keyof PaymentDetail]: PaymentDetail[K] };

let sequence = 0;

export function aMoneyTakenEvent(
  detailType: 'PaymentCaptured' | 'PaymentSucceeded',
  detail: Partial<Detail> & { orderId: string },
): EventBridgeEvent {
  sequence += 1;
  const full: Detail = { userId: 'user-1', amount: 6900, ...detail };
  return {
    version: '0',
    id: `payment-event-${sequence}`,
    'detail-type': detailType,
    source: 'ecommerce.payment',
    account: '000000000000',
    time: '2026-01-02T03:04:05Z',
    region: 'us-east-1',
    resources: [],
    detail: full,
  };
}
