// The email-documents rule's target: the invoices bucket stored an object under `invoices/` (S3's
// Object Created event, on the account's default bus), so the customer gets it by email, the PDF
// attached: the flow of the system's source documents (invoice service → S3 → notification
// service). The object names its order, kind and number in its metadata, as the invoices service
// stores it; the order gives the address and the lines. Keys are the invoices service's own
// (invoices/<year>/<number>.pdf: letters, digits, '-', '/', '.'), which S3 sends as they are.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { DOCUMENT_METADATA } from '../../../domain/documents.ts';
import type { EventBridgeEvent } from '../../platform/lambdaTypes.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { DOCUMENT_EMAILS } from '../domain/emailKinds.ts';
import { sendOrderEmail } from '../sendOrderEmail.ts';
import { readDocument } from '../store/invoicesBucket.ts';
import { findOrder } from '../store/ordersTable.ts';

const { logger, metrics } = observabilityOf('notifications');

export const handler = observedHandler('notifications', async (event: EventBridgeEvent): Promise<void> => {
  const key = parseObjectCreated(event);
  const { pdf, metadata } = await readDocument(key);
  const orderId = metadata[DOCUMENT_METADATA.orderId];
  const number = metadata[DOCUMENT_METADATA.number];
  const kind = DOCUMENT_EMAILS[metadata[DOCUMENT_METADATA.kind] as keyof typeof DOCUMENT_EMAILS];
  if (!orderId || !number || !kind) {
    // Not a document the invoices service stored: no retry will change its metadata.
    logger.error('An object under invoices/ is not a stored document; no email sent', { key, metadata });
    metrics.addMetric('EmailDocumentUnreadable', MetricUnit.Count, 1);
    return;
  }
  const order = await findOrder(orderId);
  if (!order) {
    logger.error('A document names an order that does not exist; no email sent', { key, orderId });
    metrics.addMetric('EmailOrderNotFound', MetricUnit.Count, 1);
    return;
  }
  await sendOrderEmail({ kind, order, document: { number, pdf } });
});

function parseObjectCreated(event: EventBridgeEvent): string {
  const detail = (event.detail ?? {}) as { object?: { key?: unknown } };
  const key = detail.object?.key;
  if (event.source !== 'aws.s3' || event['detail-type'] !== 'Object Created' || typeof key !== 'string' || key === '') {
    throw new Error(`Expected S3's Object Created event with an object key; got ${event.source} ${event['detail-type']}.`);
  }
  return key;
}
