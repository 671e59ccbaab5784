// The payment service as checkout sees it, signed with this function's role:
//   POST {PAYMENT_API_URL}/payments/authorize claims the card token for the order (idempotent for
//     the same order): 200 authorized, 402 declined with the reason, 400 refused input;
//   POST {PAYMENT_API_URL}/payments/gateway starts the order's gateway payment (idempotent for the
//     same order): 200 started, 402 the gateway refused, 400 refused input;
//   POST {PAYMENT_API_URL}/payments/void gives the payment up when the order was never written.
// No answer, a 5xx or anything unexpected from authorize or gateway is SERVICE_UNAVAILABLE, with
// what happened as its cause.
import { observabilityOf } from '../../platform/observability.ts';
import { signedFetch, UnreachableError } from '../../platform/signedFetch.ts';
import { config } from '../config.ts';
import type { GatewayPaymentStart, PaymentAuthorization, PaymentClaim } from '../domain/checkoutPorts.ts';
import type { PaymentChoice } from '../domain/checkoutRequest.ts';
import { ServiceUnavailableError, UnexpectedAnswerError } from '../errors.ts';

const { logger } = observabilityOf('orders');

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

/** Best effort: a failure is logged, and the claim stays until the token expires at the provider. */
export async function voidPayment(orderId: string, payment: PaymentChoice): Promise<void> {
  const url = `${config.paymentApiUrl}/payments/void`;
  const body = payment.method === 'CARD' ? { orderId, paymentToken: payment.paymentToken } : { orderId, method: 'GATEWAY' };
  try {
    const response = await signedFetch(url, { method: 'POST', region: config.region, body });
    if (response.status !== 200)
      logger.error('Voiding the payment answered other than 200; the claim stays', {
        orderId,
        status: response.status,
        body: response.body,
      });
  } catch (error) {
    logger.error('Voiding the payment failed; the claim stays', { orderId, error });
  }
}

function unavailable(cause: Error): ServiceUnavailableError {
  return new ServiceUnavailableError(
    'The payment could not be arranged: the payment service did not answer. Nothing was ordered or charged; try again shortly.',
    { cause },
  );
}
