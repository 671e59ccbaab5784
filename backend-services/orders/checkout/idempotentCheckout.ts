// Checkout with an idempotency key, through Powertools for AWS Lambda's idempotency utility. The
// record's key is the scope (operation, user, key); its payload hash is the normalized payload,
// so the same key with another payload is IDEMPOTENCY_CONFLICT. What checkout returns (an order
// or a business refusal) is stored and answered to every retry; what it throws
// (SERVICE_UNAVAILABLE) removes the record, so a retry runs afresh. A retry that arrives while
// the first attempt still runs waits for its answer, a bounded time.
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import type { CheckoutRequest } from '../domain/checkoutRequest.ts';
import { type CreateOrderResponse, refused, unavailable } from '../domain/createOrderResponse.ts';
import { idempotencyPayload, type IdempotencyPayload, type IdempotencyScope } from '../domain/idempotencyPayload.ts';
import { idempotencyConflict } from '../domain/orderErrors.ts';
import { idempotencyStore } from '../store/idempotencyStore.ts';
import { MAX_WAIT_MS } from './retryWait.ts';

/** What is used of the Lambda context: an in-progress record expires with the invocation. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

/** Powertools types the whole Lambda context but reads only getRemainingTimeInMillis of it. */
type PowertoolsContext = Parameters<IdempotencyConfig['registerLambdaContext']>[0];

interface IdempotentCall {
  readonly scope: IdempotencyScope;
  readonly payload: IdempotencyPayload;
  readonly request: CheckoutRequest;
}

/** Kept for answering after the last wait. */
const TIME_TO_ANSWER_MS = 2_000;
const FIRST_WAIT_MS = 100;
const LONGEST_WAIT_MS = 1_000;

export async function checkoutIdempotently(
  request: CheckoutRequest & { readonly idempotencyKey: string },
  run: (request: CheckoutRequest) => Promise<CreateOrderResponse>,
  context: InvocationContext,
): Promise<CreateOrderResponse> {
  // A config per invocation: locally, invocations of one function run side by side in one process.
  const config = new IdempotencyConfig({ eventKeyJmesPath: 'scope', payloadValidationJmesPath: 'payload', throwOnNoIdempotencyKey: true });
  config.registerLambdaContext(context as PowertoolsContext);
  const idempotentRun = makeIdempotent((call: IdempotentCall) => run(call.request), { persistenceStore: idempotencyStore, config, keyPrefix: 'orders' });
  const { operation, userId, idempotencyKey } = request;
  const call: IdempotentCall = { scope: { operation, userId, idempotencyKey }, payload: idempotencyPayload(request), request };
  const deadline = Date.now() + Math.min(MAX_WAIT_MS, context.getRemainingTimeInMillis() - TIME_TO_ANSWER_MS);
  for (let wait = FIRST_WAIT_MS; ; wait = Math.min(wait * 1.5, LONGEST_WAIT_MS)) {
    try {
      return await idempotentRun(call);
    } catch (error) {
      if (error instanceof IdempotencyValidationError) return refused([idempotencyConflict(idempotencyKey)]);
      if (!(error instanceof IdempotencyAlreadyInProgressError)) throw error;
      const pause = wait / 2 + Math.random() * (wait / 2);
      if (Date.now() + pause > deadline) {
        return unavailable(`An earlier request with the idempotency key "${idempotencyKey}" is still being processed; retry it in a moment to get its answer.`);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
