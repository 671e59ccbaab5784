import { type Context, type HTTPRequest, runtime } from '@aws-appsync/utils';
import type { QueryGetOrdersArgs } from '../../generated/graphql';
import { invoicesOrFailure, invoicesRequest, type OrderWithInvoices, selectsInvoices } from '../lib/invoiceService';

interface Page {
  orders: OrderWithInvoices[];
  nextToken: string | null;
}

/**
 * When the query asks for the orders' invoices or credit notes, one call to the invoices service
 * for the whole page, each order's documents then put on it for Order.invoice and
 * Order.creditNotes; otherwise nothing is called. The page holds the caller's own orders only
 * (queryOrdersPage), so all of them may be shown.
 */
export function request(ctx: Context<QueryGetOrdersArgs>): HTTPRequest<string> {
  const page = ctx.prev.result as Page;
  if (page.orders.length === 0 || !selectsInvoices(ctx.info)) {
    runtime.earlyReturn(page);
  }
  const orderIds: string[] = [];
  for (const order of page.orders) {
    orderIds.push(order.orderId);
  }
  return invoicesRequest(orderIds);
}

export function response(ctx: Context<QueryGetOrdersArgs>): Page {
  const page = ctx.prev.result as Page;
  const answer = invoicesOrFailure(ctx);
  for (const order of page.orders) {
    if (answer.failure) {
      order.invoicesUnavailable = answer.failure;
    } else {
      order.invoice = answer.invoices[order.orderId] ?? null;
      order.creditNotes = answer.creditNotes[order.orderId] ?? [];
    }
  }
  return page;
}
