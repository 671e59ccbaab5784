// A stand-in for the payment service's REST API (IAM auth, as deployed): it claims a token for
// one order as the real one does (again for the same order, 402 for another; 400 for an amount
// below 1, as the real one), declines tokens that start with "declined", records every call, and
// can be told to fail.
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import type { LocalIam } from 'appsync-local/iam/principals.ts';
import { startServiceApi } from './restApis.ts';

export interface AuthorizeCall {
  readonly orderId: string;
  readonly userId: string;
  readonly paymentToken: string;
  readonly amount: number;
}

export interface VoidCall {
  readonly orderId: string;
  readonly paymentToken: string;
}

export interface FakePaymentService {
  readonly url: string;
  readonly authorizations: AuthorizeCall[];
  readonly voids: VoidCall[];
  /** Which order each token backs. */
  readonly claims: Map<string, string>;
  /** While set, every call is answered with this status (e.g. 503) and nothing is claimed. */
  failWith(status: number | undefined): void;
  /** While set, voids alone are answered with this status and release nothing (a failed compensation). */
  failVoidsWith(status: number | undefined): void;
  close(): Promise<void>;
}

export async function startFakePaymentService(iam: LocalIam): Promise<FakePaymentService> {
  const authorizations: AuthorizeCall[] = [];
  const voids: VoidCall[] = [];
  const claims = new Map<string, string>();
  let failing: number | undefined;
  let failingVoids: number | undefined;
  const answer = (statusCode: number, body: unknown) => ({ statusCode, body: JSON.stringify(body) });
  const api: RunningRestApi = await startServiceApi(iam, 'payment', [
    {
      method: 'POST',
      path: '/payments/authorize',
      handler: async (event) => {
        const call = JSON.parse(event.body ?? '{}') as AuthorizeCall;
        authorizations.push(call);
        if (failing) return answer(failing, { error: { code: 'SERVICE_UNAVAILABLE', message: 'The provider is down.' } });
        if (!Number.isSafeInteger(call.amount) || call.amount < 1)
          return answer(400, {
            error: { code: 'INVALID_INPUT', message: 'amount must be a whole number of minor units, at least 1.' },
          });
        if (call.paymentToken.startsWith('declined'))
          return answer(402, {
            error: { code: 'PAYMENT_DECLINED', message: `The card behind token ${call.paymentToken} was declined.` },
          });
        const claimedBy = claims.get(call.paymentToken);
        if (claimedBy && claimedBy !== call.orderId)
          return answer(402, { error: { code: 'PAYMENT_DECLINED', message: `The token backs order ${claimedBy} already.` } });
        claims.set(call.paymentToken, call.orderId);
        return answer(200, { payment: { orderId: call.orderId, amount: call.amount, status: 'AUTHORIZED' } });
      },
    },
    {
      method: 'POST',
      path: '/payments/void',
      handler: async (event) => {
        const call = JSON.parse(event.body ?? '{}') as VoidCall;
        voids.push(call);
        const failure = failing ?? failingVoids;
        if (failure) return answer(failure, { error: { code: 'SERVICE_UNAVAILABLE', message: 'The payment table is down.' } });
        const voided = claims.get(call.paymentToken) === call.orderId;
        if (voided) claims.delete(call.paymentToken);
        return answer(200, { voided });
      },
    },
  ]);
  return {
    url: api.url,
    authorizations,
    voids,
    claims,
    failWith: (status) => {
      failing = status;
    },
    failVoidsWith: (status) => {
      failingVoids = status;
    },
    close: () => api.close(),
  };
}
