// POST /payments/gateway: the order's gateway payment, started once. The gateway (Zalo Pay) is
// asked to create its order — the amount, the items, where to call back, how long to wait — and
// the payment is written PENDING with the gateway's page (payUrl) and expiry. The order's payment
// exists already (an earlier attempt of the same checkout)? It is the answer, and the gateway is
// not asked again. Two attempts at once: both may create a gateway order, one payment is written
// and answered to both; the other gateway order is never shown to anyone and expires unpaid.
import { randomUUID } from 'node:crypto';
import { apiGatewayHandler } from '../../platform/http.ts';
import { InvalidInputError } from '../../platform/errors.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { config } from '../config.ts';
import { gatewayDescription, gatewayEmbedData, gatewayItems, gatewayUser } from '../domain/gatewayOrder.ts';
import { parseGatewayStartRequest } from '../domain/gatewayStartRequest.ts';
import { detailOf, gatewayPaymentToken, newGatewayPayment, type Payment } from '../domain/payment.ts';
import { PaymentDeclinedError } from '../errors.ts';
import { appTransIdFor } from '../gateway/zaloPayProtocol.ts';
import { gatewayClient } from '../gateway/gatewayClient.ts';
import { getPayment, insertPayment } from '../store/paymentsTable.ts';

const { logger } = observabilityOf('payment');

export const handler = observedHandler(
  'payment',
  apiGatewayHandler(async (request) => {
    const start = parseGatewayStartRequest(request.body);
    const existing = await getPayment(gatewayPaymentToken(start.orderId));
    const payment = existing ?? (await startPayment(start, new Date()));
    if (payment.userId !== start.userId || payment.amount !== start.amount) {
      throw new InvalidInputError(`Order ${start.orderId} has a gateway payment already, for another user or amount.`);
    }
    return { body: { payment: detailOf(payment) } };
  }, logger),
);

async function startPayment(start: ReturnType<typeof parseGatewayStartRequest>, now: Date): Promise<Payment> {
  // yymmdd_ + 32 hex characters: 39 of the 40 Zalo Pay allows, unique per attempt (it refuses a repeat).
  const appTransId = appTransIdFor(now, randomUUID().replace(/-/g, ''));
  const gateway = await gatewayClient();
  const created = await gateway.createOrder({
    appTransId,
    appUser: gatewayUser(start.userId),
    appTime: now.getTime(),
    amount: start.amount,
    items: gatewayItems(start.items),
    embedData: gatewayEmbedData(start.orderId, config.gateway.redirectUrl),
    description: gatewayDescription(start.orderId),
    callbackUrl: config.gateway.callbackUrl,
    expireDurationSeconds: config.gateway.paymentTtlSeconds,
  });
  if (created.kind === 'refused') {
    logger.warn('The gateway refused to create the order', { orderId: start.orderId, ...created });
    throw new PaymentDeclinedError(
      `The payment gateway refused the payment: ${created.message} (${created.returnCode}/${created.subReturnCode}).`,
    );
  }
  const expiresAt = new Date(now.getTime() + config.gateway.paymentTtlSeconds * 1000);
  return insertPayment(newGatewayPayment({ ...start, appTransId, payUrl: created.orderUrl, expiresAt }, now));
}
