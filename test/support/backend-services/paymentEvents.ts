// The payment service's money-taken and refund events as the bus delivers them to a rule's target:
// the whole EventBridge event, its detail as backend-services/payment/events.ts builds it.
import type { EventBridgeEvent } from 'appsync-local/eventbridge/index.ts';
import type { PaymentDetail, PaymentRefundedDetail } from '../../../backend-services/payment/events.ts';

/** Types, not interfaces: the event's detail is a plain record. */
type Detail = { [K in keyof PaymentDetail]: PaymentDetail[K] };
type RefundedDetail = { [K in keyof PaymentRefundedDetail]: PaymentRefundedDetail[K] };

let sequence = 0;

export function aMoneyTakenEvent(
  detailType: 'PaymentCaptured' | 'PaymentSucceeded',
  detail: Partial<Detail> & { orderId: string },
): EventBridgeEvent {
  const full: Detail = { userId: 'user-1', amount: 6900, ...detail };
  return aPaymentEvent(detailType, full);
}

/** A refund of `amount` done under `refundKey`; by default the first, of 1000 out of 6900 captured. */
export function aRefundEvent(detail: Partial<RefundedDetail> & { orderId: string; refundKey: string }): EventBridgeEvent {
  const amount = detail.amount ?? 1000;
  const full: RefundedDetail = {
    userId: 'user-1',
    amount,
    refundedAmount: amount,
    capturedAmount: 6900,
    status: 'PARTIALLY_REFUNDED',
    ...detail,
  };
  return aPaymentEvent('PaymentRefunded', full);
}

function aPaymentEvent(detailType: string, detail: Detail | RefundedDetail): EventBridgeEvent {
  sequence += 1;
  return {
    version: '0',
    id: `payment-event-${sequence}`,
    'detail-type': detailType,
    source: 'ecommerce.payment',
    account: '000000000000',
    time: '2026-01-02T03:04:05Z',
    region: 'us-east-1',
    resources: [],
    detail,
  };
}
