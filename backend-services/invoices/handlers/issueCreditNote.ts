// The issue-credit-notes rule's target: money was given back on an order (PaymentRefunded, one
// event per refund done: an admin's refundOrder, or a paid gateway order refunded in full when it
// ends undelivered), so the order gets a credit note for that refund: numbered from the credit
// notes' own gapless sequence (CN-<year>-NNNNNN), rendered, put in the bucket beside the invoices
// (invoices/<year>/<number>.pdf, the prefix the service is granted and readers of invoices look
// under), then marked STORED.
//
// Once per refund: the event's refundKey (the refund's idempotency key) is part of the credit
// note's record key, so a redelivered event finds the record numbered before, as issueInvoice.ts
// does per order; a record still NUMBERED is rendered again to the same bytes (dated by the
// record, its amount and credited invoice taken from the record) and put at the same key.
//
// The credit note names the order's invoice. Events are delivered in no set order, so the refund
// may arrive before the PaymentCaptured or PaymentSucceeded that invoices the order: the invoice's
// number is then taken here (numbering is once per order, whoever asks first), and the
// issue-invoices handler renders and stores it when its event comes. Throwing makes the bus retry
// the event, and finally dead-letter it.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { alertPublisher } from '../../platform/alerts.ts';
import type { EventBridgeEvent } from '../../platform/lambdaTypes.ts';
import { SOURCE as PAYMENT_SOURCE } from '../../payment/events.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { config } from '../config.ts';
import { assertCreditNoteAmount, creditNoteFromOrder } from '../domain/invoice.ts';
import { renderInvoicePdf } from '../domain/renderPdf.ts';
import { putInvoicePdf } from '../store/invoicesBucket.ts';
import { markCreditNoteStored, numberCreditNote, numberInvoice } from '../store/invoicesTable.ts';
import { findOrder } from '../store/ordersTable.ts';

const { logger, metrics } = observabilityOf('invoices');
const publishAlert = alertPublisher('invoices', config.alerts);

/** What the invoices service reads of a PaymentRefunded event (backend-services/payment/events.ts). */
export interface RefundDone {
  readonly orderId: string;
  /** The refund's idempotency key: one credit note per key. */
  readonly refundKey: string;
  /** This refund's amount, in minor units (not the refunded total). */
  readonly amount: number;
}

export const handler = observedHandler('invoices', async (event: EventBridgeEvent): Promise<void> => {
  const refund = parseRefundDone(event);
  const order = await findOrder(refund.orderId);
  if (!order) {
    // As for invoices: no retry will make the order appear; an operator's matter.
    logger.error('A refund was made on an order that does not exist; no credit note issued', { ...refund, eventId: event.id });
    metrics.addMetric('CreditNoteOrderNotFound', MetricUnit.Count, 1);
    await publishAlert('order-errors', {
      subject: `Refund on unknown order ${refund.orderId}: no credit note issued`,
      message:
        `The payment service reported a refund of ${refund.amount} (minor units, key ${refund.refundKey}) on order ` +
        `${refund.orderId}, which the orders table does not hold, so no credit note was issued.`,
      details: { ...refund, eventId: event.id },
    });
    return;
  }
  // Before any number is taken: a refund the order cannot be credited with leaves no gap.
  assertCreditNoteAmount(order, refund.amount);
  const issuedDate = new Date();
  const invoice = await numberInvoice({ orderId: order.orderId, issuedDate, total: order.total });
  const record = await numberCreditNote({
    orderId: order.orderId,
    refundKey: refund.refundKey,
    creditedInvoiceNumber: invoice.invoiceNumber,
    issuedDate,
    total: refund.amount,
  });
  if (record.status === 'STORED') {
    logger.info('The refund’s credit note is issued already', { ...refund, creditNoteNumber: record.invoiceNumber });
    return;
  }
  // The record, not the event, says what is printed: a retry renders the same bytes.
  const document = creditNoteFromOrder(order, {
    number: record.invoiceNumber,
    issuedDate: new Date(record.issuedDate),
    seller: config.seller,
    currency: config.currency,
    invoiceNumber: record.creditedInvoiceNumber ?? invoice.invoiceNumber,
    refundedAmount: record.total,
  });
  await putInvoicePdf(record.s3Key, await renderInvoicePdf(document), {
    orderId: order.orderId,
    kind: 'CREDIT_NOTE',
    number: record.invoiceNumber,
  });
  await markCreditNoteStored(order.orderId, refund.refundKey);
  logger.info('Credit note issued', {
    ...refund,
    creditNoteNumber: record.invoiceNumber,
    invoiceNumber: document.creditedInvoiceNumber,
    s3Key: record.s3Key,
  });
});

/**
 * The refund the payment service's PaymentRefunded event reports (only it may put events of its
 * source); throws on anything else (a rule or producer is wrong).
 */
function parseRefundDone(event: EventBridgeEvent): RefundDone {
  const { orderId, refundKey, amount } = (event.detail ?? {}) as { orderId?: unknown; refundKey?: unknown; amount?: unknown };
  if (
    event.source !== PAYMENT_SOURCE ||
    event['detail-type'] !== 'PaymentRefunded' ||
    typeof orderId !== 'string' ||
    orderId === '' ||
    typeof refundKey !== 'string' ||
    refundKey === '' ||
    typeof amount !== 'number' ||
    !Number.isSafeInteger(amount) ||
    amount < 1
  ) {
    throw new Error(
      `Expected a PaymentRefunded event with an orderId, a refundKey and an amount of at least 1 from ${PAYMENT_SOURCE}; got ${event.source} ${event['detail-type']}.`,
    );
  }
  return { orderId, refundKey, amount };
}
