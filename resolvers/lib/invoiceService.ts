// Orders' invoices and credit notes from the invoices service's POST /invoices/batch-get: one call
// for a whole page of orders (getOrders attaches them before Order.invoice and Order.creditNotes
// run), or for one order. Only an order's owner and admin see its documents; anyone else is
// answered as if there were none (null, []), not refused, so that a back-office answer that
// selects them stays whole.
import { type Context, type HTTPRequest, type Info, util } from '@aws-appsync/utils';
import type { Invoice } from '../../generated/graphql';
import { ErrorType } from './errors';
import type { ServiceResult } from './serviceAnswers';

/** An order as the resolvers pass it on, with its documents once a page has fetched them. */
export interface OrderWithInvoices {
  orderId: string;
  userId: string;
  /** Set by attachOrderInvoices: null when the order has no stored invoice. */
  invoice?: Invoice | null;
  /** Set by attachOrderInvoices: oldest first, [] when none. */
  creditNotes?: Invoice[];
  /** Set by attachOrderInvoices when the invoices service could not answer for the page. */
  invoicesUnavailable?: string;
}

/** A document as the service answers it: the API's Invoice, with its order's id. */
type DocumentDetail = Invoice & { orderId: string };

export function invoicesRequest(orderIds: string[]): HTTPRequest<string> {
  return {
    method: 'POST',
    resourcePath: '/prod/invoices/batch-get',
    params: { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orderIds }) },
  };
}

/**
 * Whether a getOrders query asks for its orders' invoices or credit notes. selectionSetList names
 * an aliased field by its alias only (`orders { bill: invoice { url } }` lists `orders/bill`), and
 * the printed selection leaves named fragments unexpanded: either one naming them is enough. An
 * alias that merely contains the word costs one needless call for the page, never one per order.
 */
export function selectsInvoices(info: Info): boolean {
  const listed = info.selectionSetList;
  const printed = info.selectionSetGraphQL;
  return (
    listed.includes('orders/invoice') ||
    listed.includes('orders/creditNotes') ||
    printed.includes('invoice') ||
    printed.includes('creditNotes')
  );
}

export interface InvoicesAnswer {
  /** The stored invoices the service answered, by order id. */
  invoices: Record<string, Invoice>;
  /** The stored credit notes, by order id, oldest first. */
  creditNotes: Record<string, Invoice[]>;
  /** Why the service could not answer (a sentence for people); null when it did. */
  failure: string | null;
}

export function invoicesOrFailure(ctx: Context): InvoicesAnswer {
  if (ctx.error) {
    return { invoices: {}, creditNotes: {}, failure: `The invoices service could not be reached: ${ctx.error.message}` };
  }
  const result = ctx.result as ServiceResult;
  if (result.statusCode !== 200) {
    return { invoices: {}, creditNotes: {}, failure: `The invoices service answered HTTP ${result.statusCode}.` };
  }
  const answer = JSON.parse(result.body) as { invoices: DocumentDetail[]; creditNotes: DocumentDetail[] };
  const invoices: Record<string, Invoice> = {};
  for (const found of answer.invoices) {
    invoices[found.orderId] = invoiceOf(found);
  }
  const creditNotes: Record<string, Invoice[]> = {};
  for (const found of answer.creditNotes) {
    if (!creditNotes[found.orderId]) {
      creditNotes[found.orderId] = [];
    }
    creditNotes[found.orderId]!.push(invoiceOf(found));
  }
  return { invoices, creditNotes, failure: null };
}

function invoiceOf(found: DocumentDetail): Invoice {
  return { invoiceNumber: found.invoiceNumber, issuedDate: found.issuedDate, total: found.total, url: found.url };
}

function unavailableMessage(failure: string): string {
  return `The order's invoices cannot be read right now. ${failure}`;
}

/** Raises the failure as the field's error (Order.invoice is nullable): the order itself is still answered. */
export function invoicesUnavailable(failure: string): never {
  util.error(unavailableMessage(failure), ErrorType.ServiceUnavailable);
}

/**
 * Records the failure as the field's error and lets it answer []: Order.creditNotes is a non-null
 * list, and an error raised there would null the whole order (and a page of getOrders with it).
 */
export function appendInvoicesUnavailable(failure: string): void {
  util.appendError(unavailableMessage(failure), ErrorType.ServiceUnavailable);
}
