// POST /payments/refund: refundOrder's route. The idempotency key is claimed for this request (its
// order and amount) on first use, so that it never names another; then refundPayment gives the
// money back once, or releases an authorised card payment, and the payment is answered as after.
import { apiGatewayHandler } from '../../platform/http.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { refundPayment } from '../refunds/refundPayment.ts';
import { parseRefundRequest } from '../refunds/refundRequest.ts';
import { assertKeyClaimedFor, keyClaimOf } from '../refunds/refundRules.ts';
import { claimRefundKey } from '../store/refundIdempotencyTable.ts';

const { logger } = observabilityOf('payment');

export const handler = observedHandler(
  'payment',
  apiGatewayHandler(async (request) => {
    const refund = parseRefundRequest(request.body);
    assertKeyClaimedFor(await claimRefundKey(keyClaimOf(refund, new Date())), refund);
    return { body: { payment: await refundPayment(refund) } };
  }, logger),
);
