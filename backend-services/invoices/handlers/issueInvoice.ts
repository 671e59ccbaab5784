// The issue-invoices rule's target: money was taken for an order (PaymentCaptured for a card when
// the order is fulfilled, PaymentSucceeded for a gateway payment when paid), so the order gets its
// invoice: numbered (once per order, store/invoicesTable.ts), rendered, put in the bucket at the
// record's key, then marked STORED. A redelivered event finds the same record: a record still
// NUMBERED (an earlier attempt failed after numbering) is rendered and uploaded again, to the same
// bytes at the same key, since the document is dated by its record's issue date; a STORED one is
// left alone. Throwing makes the bus retry the event, and finally dead-letter it.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { alertPublisher } from '../../platform/alerts.ts';
import type { EventBridgeEvent } from '../../platform/lambdaTypes.ts';
import { SOURCE as PAYMENT_SOURCE } from '../../payment/events.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { config } from '../config.ts';
import { invoiceFromOrder } from '../domain/invoice.ts';
import { renderInvoicePdf } from '../domain/renderPdf.ts';
import { putInvoicePdf } from '../store/invoicesBucket.ts';
import { markInvoiceStored, numberInvoice } from '../store/invoicesTable.ts';
import { findOrder } from '../store/ordersTable.ts';

const { logger, metrics } = observabilityOf('invoices');
const publishAlert = alertPublisher('invoices', config.alerts);

/** The payment events that take money. */
export const MONEY_TAKEN_EVENTS = ['PaymentCaptured', 'PaymentSucceeded'] as const;

export const handler = observedHandler('invoices', async (event: EventBridgeEvent): Promise<void> => {
  const orderId = parseMoneyTaken(event);
  const order = await findOrder(orderId);
  if (!order) {
    // No retry will make it appear: a payment for an order that is not there is an operator's matter.
    logger.error('Money was taken for an order that does not exist; no invoice issued', {
      orderId,
      event: event['detail-type'],
      eventId: event.id,
    });
    metrics.addMetric('InvoiceOrderNotFound', MetricUnit.Count, 1);
    await publishAlert('order-errors', {
      subject: `Money taken for unknown order ${orderId}: no invoice issued`,
      message:
        `The payment service reported ${event['detail-type']} for order ${orderId}, which the orders table does not ` +
        'hold, so no invoice was issued. Find the payment (its orderId) and refund it, or restore the order.',
      details: { orderId, event: event['detail-type'], eventId: event.id, detail: event.detail },
    });
    return;
  }
  const record = await numberInvoice({ orderId, issuedDate: new Date(), total: order.total });
  if (record.status === 'STORED') {
    logger.info('The order’s invoice is issued already', { orderId, invoiceNumber: record.invoiceNumber });
    return;
  }
  const document = invoiceFromOrder(order, {
    number: record.invoiceNumber,
    issuedDate: new Date(record.issuedDate),
    seller: config.seller,
    currency: config.currency,
  });
  await putInvoicePdf(record.s3Key, await renderInvoicePdf(document), {
    orderId,
    kind: 'INVOICE',
    number: record.invoiceNumber,
  });
  await markInvoiceStored(orderId);
  logger.info('Invoice issued', { orderId, invoiceNumber: record.invoiceNumber, s3Key: record.s3Key });
});

/**
 * The order id of the payment service's PaymentCaptured or PaymentSucceeded event (only it may put
 * events of its source); throws on anything else (a rule or producer is wrong).
 */
function parseMoneyTaken(event: EventBridgeEvent): string {
  const { orderId } = (event.detail ?? {}) as { orderId?: unknown };
  const detailType = event['detail-type'];
  if (
    event.source !== PAYMENT_SOURCE ||
    !(MONEY_TAKEN_EVENTS as readonly string[]).includes(detailType) ||
    typeof orderId !== 'string' ||
    orderId === ''
  ) {
    throw new Error(
      `Expected a PaymentCaptured or PaymentSucceeded event with an orderId from ${PAYMENT_SOURCE}; got ${event.source} ${detailType}.`,
    );
  }
  return orderId;
}
