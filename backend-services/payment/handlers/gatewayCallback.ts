// POST /payments/callback: the gateway (Zalo Pay) tells that a payment was made. The only route of
// any service without IAM — the gateway cannot sign SigV4 — so nothing is believed before the MAC
// (HMAC-SHA256 of `data` with key2) is checked: a bad MAC is answered with the documented
// failure, counted (an alarm watches it), and nothing is read or written. Then the payment is
// found through the order id its embed_data carries, and must be this app_trans_id's; the paid
// amount must be the order's. Recording is conditional on PENDING, so the same callback again (the
// gateway retries, or sends it twice) changes nothing and is still answered as success. The
// answer is always HTTP 200 with `{ return_code, return_message }`, as the gateway expects.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from '../../platform/lambdaTypes.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { orderIdOfEmbedData } from '../domain/gatewayOrder.ts';
import { gatewayPaymentToken } from '../domain/payment.ts';
import { settleGatewayPaid } from '../gateway/settleGatewayPayment.ts';
import { callbackAnswer, verifyCallback, type ZaloPayCallbackAnswer } from '../gateway/zaloPayProtocol.ts';
import { paymentSecrets } from '../secrets.ts';
import { getPayment } from '../store/paymentsTable.ts';

const { logger, metrics } = observabilityOf('payment');

export const handler = observedHandler('payment', async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const answer = await handleCallback(rawBody(event));
  return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(answer) };
});

async function handleCallback(text: string): Promise<ZaloPayCallbackAnswer> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return rejected('MALFORMED', 'The callback body is not JSON.', callbackAnswer.retry('malformed body'));
  }
  let verified = verifyCallback(body, (await paymentSecrets.get()).gatewayKey2);
  if (verified.kind === 'badMac') {
    // The key may have been rotated since it was read: read it again, once.
    paymentSecrets.refresh();
    verified = verifyCallback(body, (await paymentSecrets.get()).gatewayKey2);
  }
  if (verified.kind === 'badMac') return rejected('BAD_MAC', 'The callback’s MAC does not verify.', callbackAnswer.badMac());
  if (verified.kind === 'malformed') return rejected('MALFORMED', verified.reason, callbackAnswer.retry(verified.reason));

  const { data } = verified;
  const orderId = orderIdOfEmbedData(data.embed_data);
  const payment = orderId ? await getPayment(gatewayPaymentToken(orderId)) : undefined;
  if (!payment || payment.appTransId !== data.app_trans_id) {
    return rejected(
      'UNKNOWN_TRANSACTION',
      `No payment has app_trans_id ${data.app_trans_id}.`,
      callbackAnswer.retry('unknown app_trans_id'),
    );
  }
  const outcome = await settleGatewayPaid(
    payment,
    { gatewayTransId: String(data.zp_trans_id), amount: data.amount, by: 'callback' },
    new Date(),
  );
  if (outcome === 'amountMismatch') {
    return rejected('AMOUNT_MISMATCH', `The amount ${data.amount} is not the order’s.`, callbackAnswer.retry('amount mismatch'));
  }
  return callbackAnswer.success();
}

/**
 * A refused callback: logged with its reason and counted (GatewayCallbackRejected; a bad MAC also
 * GatewayCallbackBadMac, which an alarm watches: someone is forging callbacks, or key2 is wrong).
 */
function rejected(reason: string, message: string, answer: ZaloPayCallbackAnswer): ZaloPayCallbackAnswer {
  logger.warn('A gateway callback was refused', { reason, message });
  metrics.addMetric('GatewayCallbackRejected', MetricUnit.Count, 1);
  if (reason === 'BAD_MAC') metrics.addMetric('GatewayCallbackBadMac', MetricUnit.Count, 1);
  return answer;
}

function rawBody(event: APIGatewayProxyEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}
