// The settle-payments rule's target: an order's status change settles its payment. A status that
// captures it (domain/orderLifecycle.ts: FULFILLED) captures it at the provider, then records
// CAPTURED; one that releases it (an order ended undelivered) cancels it there, then records
// RELEASED. The provider is asked first, so a failure between the two is repaired by the retry
// (capture and cancel are idempotent there); the record is conditional on AUTHORIZED, so a
// repeated or late event changes nothing. Throwing makes the bus retry the event, and finally
// dead-letter it for an operator.
import { cancelPayment, capturePayment, getPayment, ProviderRefusedError } from '../clients/paymentProvider.ts';
import { maskToken } from '../domain/maskToken.ts';
import { parseOrderStatusChange } from '../domain/orderStatusChanged.ts';
import type { EventBridgeEvent } from '../../platform/lambdaTypes.ts';
import type { Payment } from '../domain/payment.ts';
import { decideSettlement, providerStatusFor, type SettledStatus, settlementFor } from '../domain/settlement.ts';
import { findOrderPayments, settleAuthorizedPayment } from '../store/paymentsTable.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { PaymentNotFoundError, SettlementRefusedError } from '../errors.ts';
import { refundPayment } from '../refunds/refundPayment.ts';

const { logger } = observabilityOf('payment');

export const handler = observedHandler('payment', settlePayment);

async function settlePayment(event: EventBridgeEvent): Promise<void> {
  const { orderId, status } = parseOrderStatusChange(event);
  const target = settlementFor(status);
  if (!target) {
    logger.warn('The order status settles no payment; ignored', { orderId, status });
    return;
  }
  const payments = await findOrderPayments(orderId);
  // The index lags its table on AWS: the payment may be there and not yet found. The retry finds it.
  if (payments.length === 0) throw new PaymentNotFoundError(orderId, status);
  for (const payment of payments) await settle(payment, target, status);
}

async function settle(payment: Payment, target: SettledStatus, orderStatus: string): Promise<void> {
  const decision = decideSettlement(payment, target);
  if (decision === 'done') return;
  if (decision === 'refund') {
    // A gateway takes the money when paid: an order ending undelivered gets all of it back, once
    // (the key makes a repeated event find the same refund).
    await refundPayment({
      orderId: payment.orderId,
      reason: `The order ended ${orderStatus}.`,
      idempotencyKey: `release-${orderStatus}`,
      requestedBy: 'system',
    });
    return;
  }
  if (decision === 'contradicted') {
    logger.warn('The order status contradicts how its payment was settled already; ignored', {
      orderId: payment.orderId,
      orderStatus,
      paymentStatus: payment.status,
    });
    return;
  }
  await settleAtProvider(payment, target);
  if (!(await settleAuthorizedPayment(payment, target, new Date()))) {
    logger.warn('The payment was settled meanwhile; not recorded again', { orderId: payment.orderId, target });
  }
}

/** Captures or cancels at the provider; a refusal because it is there already is success. */
async function settleAtProvider(payment: Payment, target: SettledStatus): Promise<void> {
  try {
    if (target === 'CAPTURED') await capturePayment(payment.paymentToken, payment.amount);
    else await cancelPayment(payment.paymentToken);
  } catch (error) {
    if (!(error instanceof ProviderRefusedError && error.code === 'invalid_state')) throw error;
    const { status } = await getPayment(payment.paymentToken);
    if (status !== providerStatusFor(target)) {
      throw new SettlementRefusedError(
        `Cannot make the payment ${maskToken(payment.paymentToken)} of order ${payment.orderId} ${target}: the provider shows it ${status}.`,
        { cause: error },
      );
    }
  }
}
