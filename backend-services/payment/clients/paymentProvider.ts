// The payment provider's API as this service uses it: check, capture, cancel, refund and read one
// payment token, with the secret key. One attempt each, within a timeout: the caller retries
// (the orders service its authorize call, the bus its settle event, an admin their refund), and
// capture, cancel and a refund under its refundId are idempotent at the provider. No answer, a
// 5xx or an unusable answer is SERVICE_UNAVAILABLE; the provider's refusals (404, 409, 400) come
// back as ProviderRefusedError.
import { observabilityOf } from '../../platform/observability.ts';
import { config } from '../config.ts';
import { paymentSecrets } from '../secrets.ts';
import { maskToken } from '../domain/maskToken.ts';
import type { ProviderCheck, ProviderPayment, ProviderRefund } from '../domain/providerPayment.ts';
import { ServiceUnavailableError } from '../errors.ts';
import { parseJsonOrUndefined } from '../../platform/json.ts';

export const PROVIDER_TIMEOUT_MS = 2_500;

const STATUSES: readonly string[] = ['AUTHORIZED', 'CAPTURED', 'CANCELLED'];

const { logger } = observabilityOf('payment');

/**
 * The provider answered, and refused: `code` and `reason` are its own (`not_found`,
 * `invalid_state`, …, and its message); `message` adds which call, the token masked.
 */
export class ProviderRefusedError extends Error {
  override name = 'ProviderRefusedError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** Whether the token is authorised, uncaptured and uncancelled, for at least `amount`. */
export async function checkPayment(paymentToken: string, amount: number): Promise<ProviderCheck> {
  const body = await callProvider('POST', paymentToken, 'check', { amount });
  const { authorized, payment } = (body ?? {}) as { authorized?: unknown; payment?: unknown };
  if (typeof authorized !== 'boolean') throw unusable('check');
  return { authorized, payment: toPayment('check', payment) };
}

export async function capturePayment(paymentToken: string, amount: number): Promise<ProviderPayment> {
  return toPayment('capture', await callProvider('POST', paymentToken, 'capture', { amount }));
}

export async function cancelPayment(paymentToken: string): Promise<ProviderPayment> {
  return toPayment('cancel', await callProvider('POST', paymentToken, 'cancel', {}));
}

/**
 * Refunds `amount` of the captured payment under `refundId`, the backend's id for the refund: the
 * same id again answers the first refund and gives nothing more back.
 */
export async function createRefund(paymentToken: string, amount: number, refundId: string): Promise<ProviderRefund> {
  const { refund } = ((await callProvider('POST', paymentToken, 'refund', { amount, refundId })) ?? {}) as { refund?: unknown };
  const { refundId: id, amount: refunded } = (refund ?? {}) as { refundId?: unknown; amount?: unknown };
  if (id !== refundId || typeof refunded !== 'number') throw unusable('refund', 'refund');
  return { refundId: id, amount: refunded };
}

export async function getPayment(paymentToken: string): Promise<ProviderPayment> {
  return toPayment('get', await callProvider('GET', paymentToken));
}

async function callProvider(method: 'GET' | 'POST', paymentToken: string, action?: string, body?: object): Promise<unknown> {
  const path = `/payments/${encodeURIComponent(paymentToken)}${action ? `/${action}` : ''}`;
  const what = `${method} /payments/${maskToken(paymentToken)}${action ? `/${action}` : ''}`;
  const { providerSecretKey } = await paymentSecrets.get().catch((error: unknown) => {
    throw unavailable(`the payment secret could not be read: ${error instanceof Error ? error.message : String(error)}`, error);
  });
  let response: Response;
  try {
    response = await fetch(`${config.paymentProviderUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${providerSecretKey}`,
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
  } catch (error) {
    throw unavailable(`${what} got no answer: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  const answer = parseJsonOrUndefined(await response.text().catch(() => ''));
  if (response.ok) return answer;
  // A rotated key: read it again for the next call (this one is answered as unavailable, and retried).
  if (response.status === 401) paymentSecrets.refresh();
  const { error: code, message } = (answer ?? {}) as { error?: unknown; message?: unknown };
  if ([400, 404, 409].includes(response.status) && typeof code === 'string') {
    const reason = String(message);
    throw new ProviderRefusedError(response.status, code, `${what} was refused (${response.status} ${code}): ${reason}`, reason);
  }
  throw unavailable(`${what} answered ${response.status} ${typeof code === 'string' ? code : ''}`.trim());
}

function toPayment(action: string, answer: unknown): ProviderPayment {
  const { status, amount } = (answer ?? {}) as { status?: unknown; amount?: unknown };
  if (typeof status !== 'string' || !STATUSES.includes(status) || typeof amount !== 'number') throw unusable(action);
  return { status: status as ProviderPayment['status'], amount };
}

// The answer is not logged: a provider's payment view may name the token.
function unusable(action: string, what: 'payment' | 'refund' = 'payment'): ServiceUnavailableError {
  return unavailable(`${action} answered without a usable ${what}`);
}

function unavailable(reason: string, cause?: unknown): ServiceUnavailableError {
  // The reason is for the logs; the caller learns only that the provider could not be asked.
  logger.error('The payment provider is unavailable', { reason });
  return new ServiceUnavailableError(
    'The payment provider could not be reached; try again shortly.',
    cause === undefined ? undefined : { cause },
  );
}
