import { describe, expect, it } from 'vitest';
import {
  creditNoteFromOrder,
  formatMoney,
  invoiceFromOrder,
  type Seller,
} from '../../../../../backend-services/invoices/domain/invoice.ts';
import { anOrderItem } from '../../../../support/backend-services/orders.ts';

const seller: Seller = { name: 'Commerce Ltd', addressLines: ['1 Market Street', 'London EC1A 1AA', 'GB'], vatId: 'GB123456789' };
const details = { number: 'INV-2026-000042', issuedDate: new Date('2026-03-04T23:30:00Z'), seller, currency: 'EUR' };

describe('invoiceFromOrder', () => {
  it("has one line per product, with its quantity, unit price and amount, and the order's delivery and total", () => {
    const invoice = invoiceFromOrder(anOrderItem('order-1'), details);
    expect(invoice.lines).toEqual([
      { description: 'Desk Lamp', quantity: 2, unitPrice: 2500, amount: 5000 },
      { description: 'Mug', quantity: 1, unitPrice: 900, amount: 900 },
    ]);
    expect(invoice).toMatchObject({ kind: 'INVOICE', delivery: 1000, total: 6900, currency: 'EUR' });
  });

  it('carries the seller, the buyer with the delivery address, the order and the dates in UTC', () => {
    const order = anOrderItem('order-1', {
      address: {
        name: 'Ada Lovelace',
        companyName: 'Analytical Engines',
        streetAddress: '12 rue de la Paix',
        postCode: '75002',
        city: 'Paris',
        country: 'FR',
        phoneNumber: '+33123456789',
      },
      createdDate: '2026-03-01T22:00:00.000-05:00',
    });
    expect(invoiceFromOrder(order, details)).toMatchObject({
      number: 'INV-2026-000042',
      issuedDate: '2026-03-04',
      seller,
      buyer: { name: 'Ada Lovelace', addressLines: ['Analytical Engines', '12 rue de la Paix', '75002 Paris', 'FR'] },
      orderId: 'order-1',
      orderDate: '2026-03-02',
    });
  });

  it('leaves out the address lines the order does not have', () => {
    expect(invoiceFromOrder(anOrderItem('order-1'), details).buyer.addressLines).toEqual(['12 rue de la Paix', 'Paris', 'FR']);
  });

  it('refuses an order whose total is not its lines and delivery', () => {
    expect(() => invoiceFromOrder(anOrderItem('order-1', { total: 7000 }), details)).toThrow(/order-1 cannot be invoiced/);
  });
});

describe('creditNoteFromOrder', () => {
  it('has the refunded amount as its single line, references the invoice and has no delivery', () => {
    const note = creditNoteFromOrder(anOrderItem('order-1'), {
      ...details,
      number: 'CN-2026-000001',
      invoiceNumber: 'INV-2026-000042',
      refundedAmount: 2500,
    });
    expect(note).toMatchObject({
      kind: 'CREDIT_NOTE',
      number: 'CN-2026-000001',
      creditedInvoiceNumber: 'INV-2026-000042',
      lines: [{ description: 'Refund for invoice INV-2026-000042', quantity: 1, unitPrice: 2500, amount: 2500 }],
      delivery: 0,
      total: 2500,
    });
  });

  it.each([0, -1, 6901, 1.5])('refuses a refunded amount of %s', (refundedAmount) => {
    expect(() =>
      creditNoteFromOrder(anOrderItem('order-1'), { ...details, invoiceNumber: 'INV-2026-000042', refundedAmount }),
    ).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it.each([
    [4200, 'EUR', 'EUR 42.00'],
    [5, 'EUR', 'EUR 0.05'],
    [123456789, 'USD', 'USD 1,234,567.89'],
    [0, 'GBP', 'GBP 0.00'],
  ])('formats %i minor units of %s as %s', (minorUnits, currency, text) => {
    expect(formatMoney(minorUnits, currency)).toBe(text);
  });
});
