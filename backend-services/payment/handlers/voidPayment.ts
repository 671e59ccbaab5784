// POST /payments/void: the order the payment was arranged for was never created, so the payment is
// given up: a card's claim is deleted (if it is that order's and still AUTHORIZED), so the token
// may back a later order; a gateway payment is deleted while still PENDING (its page was never
// shown to the shopper, and the gateway lets it expire unpaid). The provider is not called.
import { apiGatewayHandler } from '../../platform/http.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { parseVoidRequest } from '../domain/voidRequest.ts';
import { deletePendingGatewayPayment } from '../store/gatewayPayments.ts';
import { deleteAuthorizedClaim } from '../store/paymentsTable.ts';

const { logger } = observabilityOf('payment');

export const handler = observedHandler(
  'payment',
  apiGatewayHandler(async (request) => {
    const voidRequest = parseVoidRequest(request.body);
    const voided =
      voidRequest.method === 'GATEWAY'
        ? await deletePendingGatewayPayment(voidRequest.orderId)
        : await deleteAuthorizedClaim(voidRequest.orderId, voidRequest.paymentToken);
    return { body: { voided } };
  }, logger),
);
