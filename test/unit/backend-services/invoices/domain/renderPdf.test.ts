import { describe, expect, it } from 'vitest';
import { creditNoteFromOrder, invoiceFromOrder, type Seller } from '../../../../../backend-services/invoices/domain/invoice.ts';
import { renderInvoicePdf } from '../../../../../backend-services/invoices/domain/renderPdf.ts';
import { anOrderItem } from '../../../../support/backend-services/orders.ts';

const seller: Seller = { name: 'Commerce Ltd', addressLines: ['1 Market Street', 'London EC1A 1AA'], vatId: 'GB123456789' };
const details = { number: 'INV-2026-000042', issuedDate: new Date('2026-03-04T10:00:00Z'), seller, currency: 'EUR' };

/**
 * The text shown by an uncompressed PDF of pdfkit's, one entry per text operator: pdfkit writes
 * the standard fonts' text as hex strings of WinAnsi codes, `[<…> kerning <…>] TJ` or `<…> Tj`.
 */
function shownText(pdf: Buffer): string[] {
  const content = pdf.toString('latin1');
  const operators = content.match(/\[(?:[^\]]*)\]\s*TJ|<[0-9a-fA-F]*>\s*Tj/gu) ?? [];
  return operators.map((operator) =>
    [...operator.matchAll(/<([0-9a-fA-F]*)>/gu)].map(([, hex]) => Buffer.from(hex ?? '', 'hex').toString('latin1')).join(''),
  );
}

describe('renderInvoicePdf', () => {
  it('renders a PDF showing the number, each product line and the total', async () => {
    const pdf = await renderInvoicePdf(invoiceFromOrder(anOrderItem('order-1'), details), { compress: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = shownText(pdf);
    expect(text).toEqual(expect.arrayContaining(['Invoice', 'Number: INV-2026-000042', 'Date: 2026-03-04']));
    expect(text).toEqual(expect.arrayContaining(['Order: order-1 of 2026-01-01', 'VAT ID: GB123456789', 'Ada Lovelace']));
    // Each line's cells, in the order they are written: description, quantity, unit price, amount.
    const joined = text.join('|');
    expect(joined).toContain('Desk Lamp|2|EUR 25.00|EUR 50.00');
    expect(joined).toContain('Mug|1|EUR 9.00|EUR 9.00');
    expect(joined).toContain('Delivery|EUR 10.00');
    expect(joined).toContain('Total|EUR 69.00');
  });

  it('renders a credit note with the invoice it credits and the amount credited', async () => {
    const note = creditNoteFromOrder(anOrderItem('order-1'), {
      ...details,
      number: 'CN-2026-000003',
      invoiceNumber: 'INV-2026-000042',
      refundedAmount: 900,
    });
    const text = shownText(await renderInvoicePdf(note, { compress: false }));
    expect(text).toEqual(expect.arrayContaining(['Credit note', 'Number: CN-2026-000003', 'Credits invoice: INV-2026-000042']));
    expect(text.join('|')).toContain('Refund for invoice INV-2026-000042|1|EUR 9.00|EUR 9.00');
    expect(text.join('|')).toContain('Total credited|EUR 9.00');
    expect(text).not.toContain('Delivery');
  });

  it('dates the PDF with the issue date, so the same invoice renders to the same bytes', async () => {
    const invoice = invoiceFromOrder(anOrderItem('order-1'), details);
    const [first, second] = await Promise.all([renderInvoicePdf(invoice), renderInvoicePdf(invoice)]);
    expect(first.equals(second)).toBe(true);
    const uncompressed = (await renderInvoicePdf(invoice, { compress: false })).toString('latin1');
    const creationDate = /\/CreationDate (\d+) 0 R/u.exec(uncompressed)?.[1];
    expect(uncompressed).toContain(`${creationDate} 0 obj\n(D:20260304000000Z)`);
  });
});
