// POST /invoices/batch-get: the invoice of each order named whose PDF is stored, in request order,
// each with a presigned download URL valid INVOICE_URL_TTL_SECONDS, and the orders that have none
// yet. One call answers a whole page of the API's orders (Order.invoice). Who may see which
// order's invoice is the API's to decide: it asks only for orders its caller may read.
import { apiGatewayHandler } from '../../platform/http.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { parseBatchGetRequest } from '../domain/batchGetRequest.ts';
import { invoiceDownloadUrl } from '../store/invoicesBucket.ts';
import { findInvoice } from '../store/invoicesTable.ts';

const { logger } = observabilityOf('invoices');

export interface InvoiceDetail {
  readonly orderId: string;
  readonly invoiceNumber: string;
  readonly issuedDate: string;
  /** Minor units. */
  readonly total: number;
  readonly url: string;
}

export const handler = observedHandler(
  'invoices',
  apiGatewayHandler(async (request) => {
    const orderIds = parseBatchGetRequest(request.body);
    const records = await Promise.all(orderIds.map((orderId) => findInvoice(orderId)));
    const invoices: InvoiceDetail[] = [];
    const missing: string[] = [];
    for (const [index, record] of records.entries()) {
      if (record?.status !== 'STORED') {
        missing.push(orderIds[index]!);
        continue;
      }
      const { orderId, invoiceNumber, issuedDate, total, s3Key } = record;
      invoices.push({ orderId, invoiceNumber, issuedDate, total, url: await invoiceDownloadUrl(s3Key) });
    }
    return { body: { invoices, missing } };
  }, logger),
);
