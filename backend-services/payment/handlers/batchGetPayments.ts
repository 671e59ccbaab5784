// POST /payments/batch-get: the payment of each order named, in request order, and the orders
// that have none (not placed through a payment, or its claim not yet visible to the index). One
// call answers a whole page of the API's orders.
import { apiGatewayHandler } from '../../platform/http.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { parseBatchGetRequest } from '../domain/batchGetRequest.ts';
import { currentPayment, detailOf } from '../domain/payment.ts';
import { findOrderPayments } from '../store/paymentsTable.ts';

const { logger } = observabilityOf('payment');

export const handler = observedHandler(
  'payment',
  apiGatewayHandler(async (request) => {
    const orderIds = parseBatchGetRequest(request.body);
    const found = await Promise.all(orderIds.map(async (orderId) => currentPayment(await findOrderPayments(orderId))));
    return {
      body: {
        payments: found.flatMap((payment) => (payment ? [detailOf(payment)] : [])),
        missing: orderIds.filter((_, index) => !found[index]),
      },
    };
  }, logger),
);
