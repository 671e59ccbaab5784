// POST /orders (createOrder): places an order for the products given. The body is always a
// CreateOrderResponse (checkout/checkoutRoute.ts).
import { apiGatewayHandler } from '../../platform/http.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { checkoutRoute } from '../checkout/checkoutRoute.ts';
import { parseCreateOrderRequest } from '../domain/checkoutRequest.ts';

const { logger } = observabilityOf('orders');

export const handler = observedHandler('orders', apiGatewayHandler(checkoutRoute(parseCreateOrderRequest), logger));
