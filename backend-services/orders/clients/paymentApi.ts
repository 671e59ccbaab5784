// The payment service as checkout sees it, signed with this function's role:
//   POST {PAYMENT_API_URL}/payments/authorize claims the card token for the order (idempotent for
//     the same order): 200 authorized, 402 declined with the reason, 400 refused input;
//   POST {PAYMENT_API_URL}/payments/gateway starts the order's gateway payment (idempotent for the
//     same order): 200 started, 402 the gateway refused, 400 refused input;
//   POST {PAYMENT_API_URL}/payments/void gives the payment up when the order was never written.
// No answer, a 5xx or anything unexpected from authorize or gateway is SERVICE_UNAVAILABLE, with
// what happened as its cause.
import { alertPublisher } from '../../platform/alerts.ts';
import { observabilityOf } from '../../platform/observability.ts';
import { signedFetch, UnreachableError } from '../../platform/signedFetch.ts';
import { config } from '../config.ts';
import type { GatewayPaymentStart, PaymentAuthorization, PaymentClaim } from '../domain/checkoutPorts.ts';
import type { PaymentChoice } from '../domain/checkoutRequest.ts';
import { ServiceUnavailableError, UnexpectedAnswerError } from '../errors.ts';

const { logger } = observabilityOf('orders');
const publishAlert = alertPublisher('orders', config.alerts);

export async function authorizePayment(claim: PaymentClaim): Promise<PaymentAuthorization> {
  return askPaymentService('/payments/authorize', claim);
}

export async function startGatewayPayment(start: GatewayPaymentStart): Promise<PaymentAuthorization> {
  return askPaymentService('/payments/gateway', start);
}

async function askPaymentService(path: string, body: object): Promise<PaymentAuthorization> {
  const url = `${config.paymentApiUrl}${path}`;
  const response = await signedFetch(url, { method: 'POST', region: config.region, body }).catch((error: unknown) => {
    throw error instanceof UnreachableError ? unavailable(error) : error;
  });
  const message = (response.body as { error?: { message?: unknown } } | undefined)?.error?.message;
  if (response.status === 200) return { kind: 'authorized' };
  if (response.status === 402)
    return { kind: 'declined', message: typeof message === 'string' ? message : 'The payment was declined.' };
  if (response.status === 400 && typeof message === 'string')
    return { kind: 'invalid', message: `The payment service refused the payment: ${message}` };
  throw unavailable(
    new UnexpectedAnswerError(`POST ${url} answered ${response.status}: ${JSON.stringify(response.body) ?? 'no body'}`),
  );
}

/**
 * Best effort: a failure is logged and reported to the team (order-errors), and the claim stays
 * until the token expires at the provider, or an operator voids it.
 */
export async function voidPayment(orderId: string, payment: PaymentChoice): Promise<void> {
  const url = `${config.paymentApiUrl}/payments/void`;
  const body = payment.method === 'CARD' ? { orderId, paymentToken: payment.paymentToken } : { orderId, method: 'GATEWAY' };
  let failure: string | undefined;
  try {
    const response = await signedFetch(url, { method: 'POST', region: config.region, body });
    if (response.status !== 200) failure = `POST /payments/void answered ${response.status}: ${JSON.stringify(response.body)}`;
  } catch (error) {
    failure = `POST /payments/void failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (failure === undefined) return;
  logger.error('Voiding the payment failed; the claim stays', { orderId, failure });
  await publishAlert('order-errors', {
    subject: `Compensation failed: payment still claimed for unplaced order ${orderId}`,
    message:
      `Checkout could not write order ${orderId} after its payment was claimed, and giving the payment up failed:\n` +
      `${failure}\n\nNo order exists, but the ${payment.method === 'CARD' ? 'card pre-authorisation' : 'gateway payment'} ` +
      'is still held for it. Void it at the payment service (POST /payments/void with the body below), or it is ' +
      'released when the pre-authorisation expires at the provider.',
    details: { orderId, voidRequest: payment.method === 'CARD' ? { orderId, method: 'CARD' } : body },
  });
}

function unavailable(cause: Error): ServiceUnavailableError {
  return new ServiceUnavailableError(
    'The payment could not be arranged: the payment service did not answer. Nothing was ordered or charged; try again shortly.',
    { cause },
  );
}
