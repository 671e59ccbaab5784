// The one way money goes back on an order: refundOrder (POST /payments/refund) and settlement of
// a paid gateway order that ends undelivered (handlers/settlePayment.ts). What each status allows
// is refundRules.ts'. A refund happens once, however often it is asked and however many ask at
// once:
//   1. the payment made ready for refunds, if written before them (prepareForRefunds);
//   2. the refund reserved with one conditional update: its key free, refundableAmount enough;
//   3. the provider asked under the record's refundId, which it dedupes;
//   4. the outcome recorded, conditional on the record still PENDING: SUCCEEDED (refundedAmount
//      grows, the status follows) or FAILED (the amount refundable again).
// The same key again answers the same: SUCCEEDED the payment, FAILED the same Conflict, PENDING
// (the provider did not answer, or the gateway is still processing) resumes at 3.
// An authorised card payment is released instead: cancelled at the provider, then RELEASED with
// the request's record under its key, as settlement releases one.
import {
  capturedAmountOf,
  currentPayment,
  detailOf,
  type Payment,
  type PaymentDetail,
  type RefundRecord,
} from '../domain/payment.ts';
import { observabilityOf } from '../../platform/observability.ts';
import { OrderPaymentNotFoundError, RefundConflictError, ServiceUnavailableError } from '../errors.ts';
import {
  completeRefund,
  failRefund,
  findOrderPayments,
  type PaymentWrite,
  prepareForRefunds,
  recordRefundRelease,
  reserveRefund,
} from '../store/paymentsTable.ts';
import { liveRefundProviders } from './liveRefundProviders.ts';
import { newRefundId, refundAtProvider } from './providerRefund.ts';
import type { RefundProviders } from './refundPort.ts';
import type { RefundRequest } from './refundRequest.ts';
import { assertSameRefund, decideRefund, pendingRefund, statusAfterRefund } from './refundRules.ts';

const { logger } = observabilityOf('payment');

/**
 * How often a conditional write is tried again on the payment as it then is. Each failure means
 * another write to the payment succeeded meanwhile, so only heavy contention exhausts it.
 */
const MAX_ATTEMPTS = 10;

/**
 * Refunds (or releases) the order's payment as the request asks, once; answers the payment after
 * it. Throws the service's errors: OrderPaymentNotFoundError, InvalidInputError (an amount the
 * payment does not allow), RefundConflictError (its status, the key's earlier request, the
 * provider's refusal), ServiceUnavailableError (the provider did not answer, or is still
 * processing: retry with the same key).
 */
export async function refundPayment(
  request: RefundRequest,
  providers: RefundProviders = liveRefundProviders,
): Promise<PaymentDetail> {
  let payment = await readyPayment(request.orderId);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const recorded = payment.refunds?.[request.idempotencyKey];
    if (recorded) return answerRecorded(payment, recorded, request, providers);
    const action = decideRefund(payment, request.amount);
    const now = new Date();
    const record = pendingRefund(request, newRefundId(payment, providers, now), action.amount, now);
    if (action.kind === 'release') {
      const write = await release(payment, request, record, providers, now);
      if (write.written) return detailOf(write.payment);
      payment = found(write, request);
    } else {
      const write = await reserveRefund(payment.paymentToken, request.idempotencyKey, record);
      if (write.written) return refundAtProviderAndRecord(write.payment, request, record, providers, 'first');
      // Changed meanwhile (another refund, or this key's): decide again on the payment as it is.
      payment = found(write, request);
    }
  }
  throw new RefundConflictError(`Order ${request.orderId}'s payment kept changing during the refund; try again.`);
}

/** The order's payment, with what refunds count on (written on items older than refunds). */
async function readyPayment(orderId: string): Promise<Payment> {
  let payment = currentPayment(await findOrderPayments(orderId));
  for (let attempt = 1; payment && attempt <= MAX_ATTEMPTS; attempt += 1) {
    if (isReadyForRefunds(payment)) return payment;
    const write = await prepareForRefunds(payment);
    payment = write.payment;
  }
  if (!payment) throw new OrderPaymentNotFoundError(orderId);
  throw new RefundConflictError(`Order ${orderId}'s payment kept changing during the refund; try again.`);
}

function isReadyForRefunds(payment: Payment): boolean {
  return (
    payment.capturedAmount !== undefined &&
    payment.refundedAmount !== undefined &&
    payment.refundableAmount !== undefined &&
    payment.refunds !== undefined
  );
}

/** What the key's earlier request came to, for the same request again; a PENDING one is taken up. */
async function answerRecorded(
  payment: Payment,
  record: RefundRecord,
  request: RefundRequest,
  providers: RefundProviders,
): Promise<PaymentDetail> {
  assertSameRefund(record, request);
  switch (record.status) {
    case 'SUCCEEDED':
      return detailOf(payment);
    case 'FAILED':
      throw refusedByProvider(request, record.failure);
    case 'PENDING':
      return refundAtProviderAndRecord(payment, request, record, providers, 'again');
  }
}

async function refundAtProviderAndRecord(
  payment: Payment,
  request: RefundRequest,
  record: RefundRecord,
  providers: RefundProviders,
  asked: 'first' | 'again',
): Promise<PaymentDetail> {
  const outcome = await refundAtProvider(payment, record, providers, asked);
  switch (outcome.kind) {
    case 'succeeded':
      return recordSucceeded(payment, request, record, providers);
    case 'failed':
      return recordFailed(payment, request, record, outcome.failure, providers);
    case 'pending':
      throw new ServiceUnavailableError(
        `The gateway is still processing the refund on order ${request.orderId}; ask again with the same idempotency key for how it ended.`,
      );
  }
}

/** refundedAmount grows by the record's amount, conditional on it as read, so that the status computed from it holds. */
async function recordSucceeded(
  payment: Payment,
  request: RefundRequest,
  record: RefundRecord,
  providers: RefundProviders,
): Promise<PaymentDetail> {
  let current = payment;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const refundedBefore = current.refundedAmount ?? 0;
    const status = statusAfterRefund(capturedAmountOf(current), refundedBefore + record.amount);
    const write = await completeRefund(
      current.paymentToken,
      request.idempotencyKey,
      { amount: record.amount, refundedBefore, status },
      new Date(),
    );
    if (write.written) return detailOf(write.payment);
    current = found(write, request);
    const now = current.refunds?.[request.idempotencyKey];
    // Recorded meanwhile by a retry of the same request: answer what it recorded.
    if (now && now.status !== 'PENDING') return answerRecorded(current, now, request, providers);
  }
  // Done at the provider, not yet recorded: the record stays PENDING, and the retry records it.
  throw new ServiceUnavailableError(
    `The refund on order ${request.orderId} is made but not yet recorded; ask again with the same idempotency key.`,
  );
}

async function recordFailed(
  payment: Payment,
  request: RefundRequest,
  record: RefundRecord,
  failure: string,
  providers: RefundProviders,
): Promise<PaymentDetail> {
  logger.warn('The provider refused a refund', { orderId: payment.orderId, idempotencyKey: request.idempotencyKey, failure });
  const write = await failRefund(payment.paymentToken, request.idempotencyKey, record.amount, failure, new Date());
  if (!write.written) {
    // Recorded meanwhile by a retry of the same request: answer what it recorded.
    const current = found(write, request);
    const now = current.refunds?.[request.idempotencyKey];
    if (now && now.status !== 'PENDING') return answerRecorded(current, now, request, providers);
  }
  throw refusedByProvider(request, failure);
}

/** Cancels the authorisation at the card provider, then records RELEASED with the request's record. */
async function release(
  payment: Payment,
  request: RefundRequest,
  record: RefundRecord,
  providers: RefundProviders,
  now: Date,
): Promise<PaymentWrite> {
  const answer = await providers.card.cancel(payment.paymentToken);
  if (answer.kind === 'refused') {
    throw new RefundConflictError(
      `The card provider refused to release order ${request.orderId}'s payment: ${answer.message} (${answer.code}).`,
    );
  }
  return recordRefundRelease(payment.paymentToken, request.idempotencyKey, { ...record, status: 'SUCCEEDED' }, now);
}

function found(write: PaymentWrite, request: RefundRequest): Payment {
  // A payment goes away only when its claim is voided, which an order that exists never is.
  if (!write.payment) throw new OrderPaymentNotFoundError(request.orderId);
  return write.payment;
}

function refusedByProvider(request: RefundRequest, failure: string | undefined): RefundConflictError {
  return new RefundConflictError(
    `The provider refused the refund under the idempotency key ${request.idempotencyKey} on order ${request.orderId}: ${failure ?? 'no reason given'}.`,
  );
}
