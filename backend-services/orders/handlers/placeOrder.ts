// POST /checkout (placeOrder): places an order for the caller's cart, and empties the ordered
// lines from it in the same transaction. The body is always a CreateOrderResponse
// (checkout/respond.ts).
import { apiGatewayHandler } from '../../shared/http.ts';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from '../../shared/lambdaTypes.ts';
import type { InvocationContext } from '../checkout/idempotentCheckout.ts';
import { respondToCheckout } from '../checkout/respond.ts';
import { parsePlaceOrderRequest } from '../domain/checkoutRequest.ts';
import { observedHandler } from '../../shared/observability.ts';

export const handler = observedHandler('orders', placeOrder);

function placeOrder(event: APIGatewayProxyEvent, context: InvocationContext): Promise<APIGatewayProxyResult> {
  return apiGatewayHandler((request) => respondToCheckout(parsePlaceOrderRequest(request.body), context))(event);
}
