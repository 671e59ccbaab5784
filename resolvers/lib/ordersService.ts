// createOrder and placeOrder: the orders service places the order (checks, prices, stock,
// payment, idempotency); the resolver only adds who is asking (their id, and their email address
// for the order's emails). The service answers a CreateOrderResponse as its body whatever happens
// (200, 422 or 503), and the resolver answers it as is: business failures are data, not GraphQL
// errors, and the service says what it knows of its own outages.
//
// Anything else is SERVICE_UNAVAILABLE, as data too, saying only what is known. No answer (the
// data source gave up: a timeout, a dropped connection) or a 5xx of something in front of the
// service (API Gateway's 504 when the function runs too long, a 502 when it fails) may come after
// the order was written and paid: the outcome is unknown, and only a retry with the same
// idempotency key finds it out safely. A 4xx without an order response is a refusal before the
// service ran (API Gateway refusing the signature, throttling): nothing was ordered or charged.
import { type Context, type HTTPRequest } from '@aws-appsync/utils';
import type { CreateOrderResponse } from '../../generated/graphql';
import { callerEmail, callerId } from './identity';
import { parseObject } from './serviceAnswers';

interface ServiceResult {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}

/** A POST of `payload` and the caller's id to one of the orders service's routes. */
export function ordersServiceRequest(
  ctx: Context,
  path: '/orders' | '/checkout',
  payload: Record<string, unknown>,
): HTTPRequest<string> {
  return {
    method: 'POST',
    resourcePath: `/prod${path}`,
    params: {
      headers: { 'content-type': 'application/json' },
      // The token's email address goes with the order: where its emails are sent.
      body: JSON.stringify({ userId: callerId(ctx), customerEmail: callerEmail(ctx), ...payload }),
    },
  };
}

export function toCreateOrderResponse(ctx: Context<{ idempotencyKey?: string | null }>): CreateOrderResponse {
  const key = ctx.args.idempotencyKey;
  if (ctx.error) {
    return outcomeUnknown(key, `No answer came from the orders service: ${ctx.error.message}`);
  }
  const result = ctx.result as ServiceResult;
  const answer = parseObject(result.body);
  if (answer && typeof answer.success === 'boolean') {
    return answer as unknown as CreateOrderResponse;
  }
  const detail = `The orders service answered HTTP ${result.statusCode} without an order response.`;
  if (result.statusCode >= 400 && result.statusCode < 500) {
    return unavailable('The order could not be placed right now: nothing was ordered or charged. Try again later.', detail);
  }
  return outcomeUnknown(key, detail);
}

/** The order may have been placed and paid, or not: what the shopper should do next depends on the key. */
function outcomeUnknown(key: string | null | undefined, detail: string): CreateOrderResponse {
  const unknown =
    'Whether the order was placed and paid is not known: the orders service did not answer in time, or failed on the way.';
  return unavailable(
    key
      ? `${unknown} Send the same request again with the same idempotency key ("${key}"): it answers the order if it was placed, and never places or charges it twice.`
      : `${unknown} Look for it in your orders before you order again: without an idempotency key, another attempt may place and charge a second order.`,
    detail,
  );
}

function unavailable(message: string, detail: string): CreateOrderResponse {
  return {
    success: false,
    message,
    errors: [{ code: 'SERVICE_UNAVAILABLE', message: detail, productId: null }],
    order: null,
  };
}
