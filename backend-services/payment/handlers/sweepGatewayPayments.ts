// The sweep-gateway-payments schedule's target: no callback is not the end. Gateway payments
// still PENDING past the grace period (config.gateway.sweepGraceSeconds) are asked about at the
// gateway (its query API): paid → recorded as the callback would have; failed → FAILED, or
// EXPIRED when the gateway says it expired (or expiresAt has passed); still unpaid past expiresAt
// and the grace → EXPIRED. Each
// outcome is conditional on PENDING, so the sweep racing a late callback records it once.
// A payment the gateway cannot be asked about now is left for the next run.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { config } from '../config.ts';
import type { Payment } from '../domain/payment.ts';
import { gatewayClient } from '../gateway/gatewayClient.ts';
import { settleGatewayPaid } from '../gateway/settleGatewayPayment.ts';
import { SUB_RETURN_CODE } from '../gateway/zaloPayProtocol.ts';
import { findPendingGatewayPayments, recordGatewayClosed } from '../store/gatewayPayments.ts';

const { logger, metrics } = observabilityOf('payment');

/** Payments asked about per run, a few at a time: the next run takes the rest. */
const BATCH = 100;
const CONCURRENCY = 5;

export interface SweepSummary {
  readonly asked: number;
  readonly paid: number;
  readonly failed: number;
  readonly expired: number;
  readonly pending: number;
  readonly errors: number;
}

export const handler = observedHandler('payment', async (): Promise<SweepSummary> => sweep(new Date()));

export async function sweep(now: Date): Promise<SweepSummary> {
  const graceMs = config.gateway.sweepGraceSeconds * 1000;
  const due = await findPendingGatewayPayments(new Date(now.getTime() - graceMs), BATCH);
  const counts = { asked: due.length, paid: 0, failed: 0, expired: 0, pending: 0, errors: 0 };
  const queue = [...due];
  const worker = async () => {
    for (let payment = queue.shift(); payment; payment = queue.shift()) {
      try {
        counts[await settle(payment, now, graceMs)] += 1;
      } catch (error) {
        counts.errors += 1;
        logger.error('The sweep could not settle a gateway payment; the next run tries again', {
          orderId: payment.orderId,
          error,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (counts.expired > 0) metrics.addMetric('GatewayPaymentsExpired', MetricUnit.Count, counts.expired);
  if (counts.asked > 0) logger.info('Swept gateway payments', counts);
  return counts;
}

async function settle(payment: Payment, now: Date, graceMs: number): Promise<'paid' | 'failed' | 'expired' | 'pending'> {
  const gateway = await gatewayClient();
  const status = await gateway.queryOrder(payment.appTransId!);
  if (status.kind === 'paid') {
    await settleGatewayPaid(payment, { gatewayTransId: String(status.zpTransId), amount: status.amount, by: 'sweep' }, now);
    return 'paid';
  }
  if (status.kind === 'failed') {
    // The gateway says why (TIME_INVALID: it expired unpaid); else the clock, read after its answer.
    const expired = status.subReturnCode === SUB_RETURN_CODE.TIME_INVALID || Date.now() >= Date.parse(payment.expiresAt!);
    const outcome = expired ? 'EXPIRED' : 'FAILED';
    await recordGatewayClosed(
      payment.paymentToken,
      outcome,
      `The gateway answered ${status.returnCode}/${status.subReturnCode}: ${status.message}`,
      now,
    );
    return outcome === 'EXPIRED' ? 'expired' : 'failed';
  }
  if (now.getTime() >= Date.parse(payment.expiresAt!) + graceMs) {
    await recordGatewayClosed(payment.paymentToken, 'EXPIRED', 'The gateway still showed it unpaid after it expired.', now);
    return 'expired';
  }
  return 'pending';
}
