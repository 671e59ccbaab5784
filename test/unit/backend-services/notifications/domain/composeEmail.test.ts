import { describe, expect, it } from 'vitest';
import { composeEmail, escapeHtml } from '../../../../../backend-services/notifications/domain/composeEmail.ts';
import type { EmailKind } from '../../../../../backend-services/notifications/domain/emailKinds.ts';
import { anOrderItem } from '../../../../support/backend-services/orders.ts';

const context = { shopName: 'Commerce Ltd', shopUrl: 'https://shop.example/', currency: 'EUR' };

describe('composeEmail', () => {
  it("lists the order's lines and totals in both parts and links to the order in the shop", () => {
    const email = composeEmail('ORDER_CONFIRMED', anOrderItem('order-1'), context);
    expect(email.subject).toBe('Order order-1 confirmed');
    expect(email.text).toContain('Hello Ada Lovelace,');
    expect(email.text).toContain('2 × Desk Lamp at EUR 25.00: EUR 50.00');
    expect(email.text).toContain('1 × Mug at EUR 9.00: EUR 9.00');
    expect(email.text).toContain('Delivery: EUR 10.00');
    expect(email.text).toContain('Total: EUR 69.00');
    expect(email.text).toContain('See your order: https://shop.example/orders/order-1');
    expect(email.html).toContain('<a href="https://shop.example/orders/order-1">See your order</a>');
    expect(email.html).toContain('<td style="padding:4px 8px;border-bottom:1px solid #ddd">Desk Lamp</td>');
    expect(email.html).toContain('<strong>EUR 69.00</strong>');
  });

  it.each<[EmailKind, string]>([
    ['ORDER_SHIPPED', 'Order order-1 is on its way'],
    ['ORDER_DELIVERED', 'Order order-1 delivered'],
    ['ORDER_CANCELLED', 'Order order-1 cancelled'],
    ['PACKAGING_FAILED', 'A problem with order order-1'],
    ['DELIVERY_FAILED', 'Order order-1 could not be delivered'],
  ])('words %s as "%s"', (kind, subject) => {
    expect(composeEmail(kind, anOrderItem('order-1'), context).subject).toBe(subject);
  });

  it('names the document of a document email', () => {
    const invoice = composeEmail('INVOICE', anOrderItem('order-1'), { ...context, documentNumber: 'INV-2026-000007' });
    expect(invoice.subject).toBe('Invoice INV-2026-000007 for order order-1');
    expect(invoice.text).toContain('Your invoice INV-2026-000007 for this order is attached as a PDF.');
    const note = composeEmail('CREDIT_NOTE', anOrderItem('order-1'), { ...context, documentNumber: 'CN-2026-000002' });
    expect(note.subject).toBe('Credit note CN-2026-000002 for order order-1');
  });

  it('says why, for the reasons the system sets, and shows any other reason as it is', () => {
    const expired = composeEmail('ORDER_CANCELLED', anOrderItem('order-1', { statusReason: 'PAYMENT_EXPIRED' }), context);
    expect(expired.text).toContain('The payment was not completed in time.');
    expect(expired.html).toContain('<p>The payment was not completed in time.</p>');
    const other = composeEmail('ORDER_CANCELLED', anOrderItem('order-1', { statusReason: 'OUT_OF_REACH' }), context);
    expect(other.text).toContain('Reason: OUT_OF_REACH.');
    expect(composeEmail('ORDER_CANCELLED', anOrderItem('order-1'), context).text).not.toContain('Reason');
  });

  it('escapes what customers and staff typed in the HTML, and leaves the plain text as typed', () => {
    const order = anOrderItem('order-1', {
      address: { ...anOrderItem('x').address, name: '<script>alert("x")</script>' },
      products: [{ ...anOrderItem('x').products[0]!, name: 'Tom & Jerry <DVD>' }],
    });
    const email = composeEmail('ORDER_CONFIRMED', order, context);
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Hello &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;,');
    expect(email.html).toContain('Tom &#38; Jerry &#60;DVD&#62;');
    expect(email.text).toContain('Hello <script>alert("x")</script>,');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });
});
