// POST /invoices/batch-get: for each order named, its invoice and its credit notes whose PDFs are
// stored, each with a presigned download URL valid INVOICE_URL_TTL_SECONDS, and the orders that
// have no stored invoice yet. One call answers a whole page of the API's orders (Order.invoice and
// Order.creditNotes). Who may see which order's documents is the API's to decide: it asks only for
// orders its caller may read.
import { apiGatewayHandler } from '../../platform/http.ts';
import { observabilityOf, observedHandler } from '../../platform/observability.ts';
import { parseBatchGetRequest } from '../domain/batchGetRequest.ts';
import { utcDay } from '../domain/invoice.ts';
import { invoiceDownloadUrl } from '../store/invoicesBucket.ts';
import { findOrderDocuments, type InvoiceRecord } from '../store/invoicesTable.ts';

const { logger } = observabilityOf('invoices');

/** An invoice or credit note as the service answers it: the API's Invoice, with its order's id. */
export interface DocumentDetail {
  readonly orderId: string;
  /** INV-… or CN-…. */
  readonly invoiceNumber: string;
  /** The day printed on it, YYYY-MM-DD (UTC). */
  readonly issuedDate: string;
  /** Minor units: the order's total, or the refund a credit note documents. */
  readonly total: number;
  /** A presigned GET of its PDF. */
  readonly url: string;
}

/** A credit note also names the invoice it credits (every credit note this service numbers does). */
export interface CreditNoteDetail extends DocumentDetail {
  readonly creditedInvoiceNumber?: string;
}

export interface BatchGetAnswer {
  /** The orders' stored invoices, in request order. */
  readonly invoices: DocumentDetail[];
  /** The orders' stored credit notes: by order in request order, then by number. */
  readonly creditNotes: CreditNoteDetail[];
  /** The orders that have no stored invoice (yet). */
  readonly missing: string[];
}

export const handler = observedHandler(
  'invoices',
  apiGatewayHandler(async (request) => {
    const orderIds = parseBatchGetRequest(request.body);
    const found = await Promise.all(orderIds.map((orderId) => findOrderDocuments(orderId)));
    const answer: BatchGetAnswer = { invoices: [], creditNotes: [], missing: [] };
    for (const [index, { invoice, creditNotes }] of found.entries()) {
      if (invoice?.status === 'STORED') answer.invoices.push(await detailOf(invoice));
      else answer.missing.push(orderIds[index]!);
      for (const note of creditNotes) {
        if (note.status !== 'STORED') continue;
        const credited = note.creditedInvoiceNumber;
        answer.creditNotes.push({ ...(await detailOf(note)), ...(credited ? { creditedInvoiceNumber: credited } : {}) });
      }
    }
    return { body: answer };
  }, logger),
);

async function detailOf(record: InvoiceRecord): Promise<DocumentDetail> {
  return {
    orderId: record.orderId,
    invoiceNumber: record.invoiceNumber,
    issuedDate: utcDay(new Date(record.issuedDate)),
    total: record.total,
    url: await invoiceDownloadUrl(record.s3Key),
  };
}
