// An order's invoice, through the invoices service: null until it is issued, and null to anyone
// but the order's owner and admin (the issue asks for null rather than Unauthorized: a warehouse
// user's startPackaging that selects it is answered whole). A page of getOrders has fetched its
// orders' invoices in one call already (functions/attachOrderInvoices.ts); any other order asks
// for its own.
import { type Context, type HTTPRequest, runtime } from '@aws-appsync/utils';
import type { Invoice } from '../generated/graphql';
import { isOwnerOrAdmin } from './lib/identity';
import { invoicesOrFailure, invoicesRequest, invoicesUnavailable, type OrderWithInvoices } from './lib/invoiceService';

type OrderContext = Context<Record<string, never>, Record<string, unknown>, undefined, OrderWithInvoices>;

export function request(ctx: OrderContext): HTTPRequest<string> {
  const order = ctx.source as OrderWithInvoices;
  if (!isOwnerOrAdmin(ctx, order.userId)) {
    runtime.earlyReturn(null);
  }
  if (order.invoicesUnavailable) {
    invoicesUnavailable(order.invoicesUnavailable);
  }
  if (order.invoice !== undefined) {
    runtime.earlyReturn(order.invoice);
  }
  return invoicesRequest([order.orderId]);
}

export function response(ctx: OrderContext): Invoice | null {
  const answer = invoicesOrFailure(ctx);
  if (answer.failure) {
    invoicesUnavailable(answer.failure);
  }
  return answer.invoices[(ctx.source as OrderWithInvoices).orderId] ?? null;
}
