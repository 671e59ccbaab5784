// An order's credit notes, one per refund, oldest first, through the invoices service: [] when
// there is none, and [] to anyone but the order's owner and admin (as Order.invoice answers
// null). A page of getOrders has fetched them with its invoices in one call already
// (functions/attachOrderInvoices.ts); any other order asks for its own. The field is a non-null
// list, so a service that cannot answer is told as an appended ServiceUnavailable error beside
// [], not raised: raised, it would null the whole order.
import { type Context, type HTTPRequest, runtime } from '@aws-appsync/utils';
import type { Invoice } from '../generated/graphql';
import { isOwnerOrAdmin } from './lib/identity';
import { appendInvoicesUnavailable, invoicesOrFailure, invoicesRequest, type OrderWithInvoices } from './lib/invoiceService';

type OrderContext = Context<Record<string, never>, Record<string, unknown>, undefined, OrderWithInvoices>;

export function request(ctx: OrderContext): HTTPRequest<string> {
  const order = ctx.source as OrderWithInvoices;
  if (!isOwnerOrAdmin(ctx, order.userId)) {
    runtime.earlyReturn([]);
  }
  if (order.invoicesUnavailable) {
    appendInvoicesUnavailable(order.invoicesUnavailable);
    runtime.earlyReturn([]);
  }
  if (order.creditNotes !== undefined) {
    runtime.earlyReturn(order.creditNotes);
  }
  return invoicesRequest([order.orderId]);
}

export function response(ctx: OrderContext): Invoice[] {
  const answer = invoicesOrFailure(ctx);
  if (answer.failure) {
    appendInvoicesUnavailable(answer.failure);
    return [];
  }
  return answer.creditNotes[(ctx.source as OrderWithInvoices).orderId] ?? [];
}
