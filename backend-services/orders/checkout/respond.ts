// The answer of both checkout routes, whatever happens: a CreateOrderResponse with 200 (placed,
// or replayed), 422 (refused: the input, the catalog, the payment) or 503 (a backend did not
// answer; nothing is stored for the idempotency key, so a retry runs afresh).
import type { Response } from '../../shared/http.ts';
import { checkout } from '../domain/checkout.ts';
import type { CheckoutRequest, ParsedCheckout } from '../domain/checkoutRequest.ts';
import { type CreateOrderResponse, refused, statusCodeOf, unavailable } from '../domain/createOrderResponse.ts';
import { invalidInput } from '../domain/orderErrors.ts';
import { ServiceUnavailableError } from '../errors.ts';
import { checkoutIdempotently, type InvocationContext } from './idempotentCheckout.ts';
import { ports } from './ports.ts';

export async function respondToCheckout(parsed: ParsedCheckout, context: InvocationContext): Promise<Response> {
  const response = 'problems' in parsed ? refused(parsed.problems.map(invalidInput)) : await runCheckout(parsed.request, context);
  return { statusCode: statusCodeOf(response), body: response };
}

async function runCheckout(request: CheckoutRequest, context: InvocationContext): Promise<CreateOrderResponse> {
  const run = (checked: CheckoutRequest) => checkout(checked, ports);
  try {
    const { idempotencyKey } = request;
    return idempotencyKey ? await checkoutIdempotently({ ...request, idempotencyKey }, run, context) : await run(request);
  } catch (error) {
    if (error instanceof ServiceUnavailableError) return unavailable(error.message);
    console.error(`orders: ${request.operation} of user ${request.userId} failed unexpectedly:`, error);
    return unavailable('The order could not be placed because of an unexpected failure, which is logged. Try again shortly.');
  }
}
