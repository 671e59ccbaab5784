// A gateway payment reported paid, by its callback or by the sweep's query: recorded once. The
// amount must be the order's; a payment settled already is a duplicate (answered as success, and
// nothing changes); one closed already (FAILED or EXPIRED) but paid after all is an operator's
// matter: the money is at the gateway for an order that was cancelled.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { observabilityOf } from '../../platform/observability.ts';
import type { Payment } from '../domain/payment.ts';
import { recordGatewayPaid, recordRejectedCallback } from '../store/gatewayPayments.ts';
import { getPayment } from '../store/paymentsTable.ts';

const { logger, metrics } = observabilityOf('payment');

export type PaidOutcome = 'recorded' | 'duplicate' | 'amountMismatch' | 'paidAfterClose';

export async function settleGatewayPaid(
  payment: Payment,
  paid: { gatewayTransId: string; amount: number; by: 'callback' | 'sweep' },
  now: Date,
): Promise<PaidOutcome> {
  const context = { orderId: payment.orderId, appTransId: payment.appTransId, gatewayTransId: paid.gatewayTransId, by: paid.by };
  if (paid.amount !== payment.amount) {
    logger.error('The gateway reports an amount other than the order’s; refused', {
      ...context,
      amount: paid.amount,
      expected: payment.amount,
    });
    metrics.addMetric('GatewayAmountMismatch', MetricUnit.Count, 1);
    await recordRejectedCallback(
      payment.paymentToken,
      { reason: 'AMOUNT_MISMATCH', gatewayTransId: paid.gatewayTransId, amount: paid.amount },
      now,
    );
    return 'amountMismatch';
  }
  if (await recordGatewayPaid(payment, paid.gatewayTransId, paid.by, now)) {
    logger.info('The gateway payment was made', context);
    return 'recorded';
  }
  const current = await getPayment(payment.paymentToken);
  if (current && (current.status === 'FAILED' || current.status === 'EXPIRED')) {
    logger.error('The gateway reports paid a payment closed already: its order was cancelled; refund it at the gateway', {
      ...context,
      status: current.status,
    });
    metrics.addMetric('GatewayPaidAfterClose', MetricUnit.Count, 1);
    return 'paidAfterClose';
  }
  if (current?.gatewayTransId && current.gatewayTransId !== paid.gatewayTransId) {
    logger.error('The gateway reports a second transaction for a payment made already', {
      ...context,
      recorded: current.gatewayTransId,
    });
  }
  return 'duplicate';
}
