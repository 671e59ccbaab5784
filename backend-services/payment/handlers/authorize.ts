// POST /payments/authorize: the provider confirms the token is authorised for at least the
// amount, then the token is claimed for the order. Claiming again for the same order changes
// nothing; a token claimed by another order is declined.
import { apiGatewayHandler } from '../../platform/http.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { checkPayment, ProviderRefusedError } from '../clients/paymentProvider.ts';
import { parseAuthorizeRequest } from '../domain/authorizeRequest.ts';
import { newPayment, viewPayment } from '../domain/payment.ts';
import { declineReason } from '../domain/providerPayment.ts';
import { PaymentDeclinedError } from '../errors.ts';
import { insertPayment } from '../store/paymentsTable.ts';

const { logger } = observabilityOf('payment');

export const handler = observedHandler(
  'payment',
  apiGatewayHandler(async (request) => {
    const authorization = parseAuthorizeRequest(request.body);
    const check = await checkPayment(authorization.paymentToken, authorization.amount).catch(declineUnknownToken);
    const reason = declineReason(check, authorization.amount);
    if (reason) throw new PaymentDeclinedError(reason);
    const payment = await insertPayment(newPayment(authorization, new Date()));
    if (payment.orderId !== authorization.orderId)
      throw new PaymentDeclinedError('The payment token already backs another order.');
    return { body: { payment: viewPayment(payment) } };
  }, logger),
);

function declineUnknownToken(error: unknown): never {
  if (error instanceof ProviderRefusedError && error.code === 'not_found') {
    throw new PaymentDeclinedError('The payment token is unknown to the payment provider.');
  }
  throw error;
}
