// POST /checkout (placeOrder): places an order for the caller's cart, and empties the ordered
// lines from it in the same transaction. The body is always a CreateOrderResponse
// (checkout/checkoutRoute.ts).
import { apiGatewayHandler } from '../../platform/http.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { checkoutRoute } from '../checkout/checkoutRoute.ts';
import { parsePlaceOrderRequest } from '../domain/checkoutRequest.ts';

const { logger } = observabilityOf('orders');

export const handler = observedHandler('orders', apiGatewayHandler(checkoutRoute(parsePlaceOrderRequest), logger));
