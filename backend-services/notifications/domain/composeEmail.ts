// An email's words: subject, plain text and HTML, from the order as the orders table holds it.
// Every email names the order, lists its lines and totals and links to the order in the shop;
// what differs by kind is the subject and the opening paragraph. Nothing the customer typed is
// put in the HTML unescaped. The PDF of a document email is attached by the handler, not here.
import { formatMoney } from '../../platform/money.ts';
import type { OrderItem } from '../../../domain/order.ts';
import type { EmailKind } from './emailKinds.ts';

export interface ComposeContext {
  /** The shop's name, as it signs its emails. */
  readonly shopName: string;
  /** The shop's base URL; the order's page is `<shopUrl>/orders/<orderId>`. */
  readonly shopUrl: string;
  /** ISO 4217: the currency the order's amounts are in. */
  readonly currency: string;
  /** For a document email: the document's number. */
  readonly documentNumber?: string;
}

export interface ComposedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Why an order is in its status, as a sentence, for the `statusReason` values the system sets. */
const REASONS: Readonly<Record<string, string>> = {
  CANCELLED_BY_CUSTOMER: 'You cancelled the order.',
  PAYMENT_FAILED: 'The payment did not go through.',
  PAYMENT_EXPIRED: 'The payment was not completed in time.',
};

interface Wording {
  readonly subject: string;
  readonly opening: string;
}

function wording(kind: EmailKind, order: OrderItem, documentNumber: string | undefined): Wording {
  const id = order.orderId;
  switch (kind) {
    case 'ORDER_CONFIRMED':
      return {
        subject: `Order ${id} confirmed`,
        opening: 'Thank you for your order. We have received it and will pack it soon.',
      };
    case 'ORDER_SHIPPED':
      return { subject: `Order ${id} is on its way`, opening: 'Your order has left our warehouse and is on its way to you.' };
    case 'ORDER_DELIVERED':
      return { subject: `Order ${id} delivered`, opening: 'Your order has been delivered. We hope you enjoy it.' };
    case 'ORDER_CANCELLED':
      return {
        subject: `Order ${id} cancelled`,
        opening: 'Your order has been cancelled. Any payment taken for it is released or refunded.',
      };
    case 'PACKAGING_FAILED':
      return {
        subject: `A problem with order ${id}`,
        opening: 'We could not pack your order. Our team will contact you; any payment taken for it is released or refunded.',
      };
    case 'DELIVERY_FAILED':
      return {
        subject: `Order ${id} could not be delivered`,
        opening: 'We could not deliver your order. Our team will contact you to arrange what happens next.',
      };
    case 'INVOICE':
      return {
        subject: `Invoice ${documentNumber ?? ''} for order ${id}`,
        opening: `Your invoice ${documentNumber ?? ''} for this order is attached as a PDF.`,
      };
    case 'CREDIT_NOTE':
      return {
        subject: `Credit note ${documentNumber ?? ''} for order ${id}`,
        opening: `Your credit note ${documentNumber ?? ''} for a refund on this order is attached as a PDF.`,
      };
  }
}

export function composeEmail(kind: EmailKind, order: OrderItem, context: ComposeContext): ComposedEmail {
  const { subject, opening } = wording(kind, order, context.documentNumber);
  const money = (minorUnits: number) => formatMoney(minorUnits, context.currency);
  const reason = order.statusReason ? (REASONS[order.statusReason] ?? `Reason: ${order.statusReason}.`) : undefined;
  const link = `${context.shopUrl.replace(/\/+$/u, '')}/orders/${encodeURIComponent(order.orderId)}`;
  const greeting = `Hello ${order.address.name},`;
  const lines = order.products.map((product) => ({
    name: product.name,
    quantity: product.quantity,
    unitPrice: money(product.price),
    amount: money(product.price * product.quantity),
  }));

  const text = [
    greeting,
    '',
    opening,
    ...(reason ? [reason] : []),
    '',
    `Order ${order.orderId} of ${order.createdDate.slice(0, 10)}`,
    ...lines.map((line) => `  ${line.quantity} × ${line.name} at ${line.unitPrice}: ${line.amount}`),
    `  Delivery: ${money(order.deliveryPrice)}`,
    `  Total: ${money(order.total)}`,
    '',
    `See your order: ${link}`,
    '',
    context.shopName,
  ].join('\n');

  const cell = 'style="padding:4px 8px;border-bottom:1px solid #ddd"';
  const right = 'style="padding:4px 8px;border-bottom:1px solid #ddd;text-align:right"';
  const html = `<!doctype html>
<html><body style="font-family:Helvetica,Arial,sans-serif;color:#222">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(opening)}</p>
${reason ? `<p>${escapeHtml(reason)}</p>\n` : ''}<h3>Order ${escapeHtml(order.orderId)} of ${escapeHtml(order.createdDate.slice(0, 10))}</h3>
<table style="border-collapse:collapse">
<tr><th ${cell}>Product</th><th ${right}>Quantity</th><th ${right}>Unit price</th><th ${right}>Amount</th></tr>
${lines
  .map(
    (line) =>
      `<tr><td ${cell}>${escapeHtml(line.name)}</td><td ${right}>${line.quantity}</td><td ${right}>${escapeHtml(line.unitPrice)}</td><td ${right}>${escapeHtml(line.amount)}</td></tr>`,
  )
  .join('\n')}
<tr><td ${cell} colspan="3">Delivery</td><td ${right}>${escapeHtml(money(order.deliveryPrice))}</td></tr>
<tr><td ${cell} colspan="3"><strong>Total</strong></td><td ${right}><strong>${escapeHtml(money(order.total))}</strong></td></tr>
</table>
<p><a href="${escapeHtml(link)}">See your order</a></p>
<p>${escapeHtml(context.shopName)}</p>
</body></html>
`;
  return { subject, text, html };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (character) => `&#${character.charCodeAt(0)};`);
}
