// createOrder and placeOrder: the orders service places the order (checks, prices, stock,
// payment, idempotency); the resolver only adds who is asking (their id, and their email address
// for the order's emails). The service answers a
// CreateOrderResponse as its body whatever happens (200, 422 or 503), and the resolver answers it
// as is: business failures are data, not GraphQL errors. An answer that is not one (the service
// unreachable, or something in front of it failing) is SERVICE_UNAVAILABLE, as data too.
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

export function toCreateOrderResponse(ctx: Context): CreateOrderResponse {
  if (ctx.error) {
    return unavailable(`The orders service could not be reached: ${ctx.error.message}`);
  }
  const result = ctx.result as ServiceResult;
  const answer = parseObject(result.body);
  if (answer && typeof answer.success === 'boolean') {
    return answer as unknown as CreateOrderResponse;
  }
  return unavailable(`The orders service answered HTTP ${result.statusCode} without an order response.`);
}

function unavailable(detail: string): CreateOrderResponse {
  return {
    success: false,
    message: 'Orders cannot be placed right now: nothing was ordered or charged. Try again in a moment.',
    errors: [{ code: 'SERVICE_UNAVAILABLE', message: detail, productId: null }],
    order: null,
  };
}
