// POST /orders (createOrder): places an order for the products given. The body is always a
// CreateOrderResponse (checkout/respond.ts).
import { apiGatewayHandler } from '../../shared/http.ts';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from '../../shared/lambdaTypes.ts';
import type { InvocationContext } from '../checkout/idempotentCheckout.ts';
import { respondToCheckout } from '../checkout/respond.ts';
import { parseCreateOrderRequest } from '../domain/checkoutRequest.ts';
import { observedHandler } from '../../shared/observability.ts';

export const handler = observedHandler('orders', createOrder);

function createOrder(event: APIGatewayProxyEvent, context: InvocationContext): Promise<APIGatewayProxyResult> {
  return apiGatewayHandler((request) => respondToCheckout(parseCreateOrderRequest(request.body), context))(event);
}
