// POST /payments/void: the order the token was claimed for was never created, so the claim is
// deleted (if it is that order's and still AUTHORIZED) and the token may back a later order.
// The provider is not called: its authorisation stands, unclaimed.
import { apiGatewayHandler } from '../../platform/http.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { parseVoidRequest } from '../domain/voidRequest.ts';
import { deleteAuthorizedClaim } from '../store/paymentsTable.ts';

const { logger } = observabilityOf('payment');

export const handler = observedHandler(
  'payment',
  apiGatewayHandler(async (request) => {
    const { orderId, paymentToken } = parseVoidRequest(request.body);
    return { body: { voided: await deleteAuthorizedClaim(orderId, paymentToken) } };
  }, logger),
);
