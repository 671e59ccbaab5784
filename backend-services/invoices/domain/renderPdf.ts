// The invoice document as a PDF (A4), in memory. pdfkit rather than pdf-lib: pdfkit lays out text
// (wrapping, alignment, measuring a wrapped cell's height for a table row) and ships the 14
// standard PDF fonts' metrics, so Helvetica needs no font file and nothing is downloaded at run
// time; pdf-lib only places glyphs at coordinates, and every line break and column would be ours.
// The PDF's CreationDate is the issue date (pdfkit would take the clock's, and derive the file's ID
// from it), so the same document renders to the same bytes.
import PDFDocument from 'pdfkit';
import { formatMoney, type InvoiceDocument, type InvoiceLine } from './invoice.ts';

export interface RenderOptions {
  /** Uncompressed content streams, for tests that read the text back. */
  readonly compress?: boolean;
}

const TITLES = { INVOICE: 'Invoice', CREDIT_NOTE: 'Credit note' } as const;
const MARGIN = 50;
/** The table's columns: x and width, on A4 (595 points wide, 495 between the margins). */
const COLUMNS = {
  description: { x: MARGIN, width: 235 },
  quantity: { x: 290, width: 50 },
  unitPrice: { x: 345, width: 95 },
  amount: { x: 445, width: 100 },
} as const;
const ROW_GAP = 4;

export function renderInvoicePdf(invoice: InvoiceDocument, options: RenderOptions = {}): Promise<Buffer> {
  const title = TITLES[invoice.kind];
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    info: {
      Title: `${title} ${invoice.number}`,
      Author: invoice.seller.name,
      CreationDate: new Date(`${invoice.issuedDate}T00:00:00Z`),
    },
  });
  const done = collect(doc);
  const money = (minorUnits: number) => formatMoney(minorUnits, invoice.currency);

  doc.font('Helvetica-Bold').fontSize(20).text(title, MARGIN, MARGIN);
  doc.font('Helvetica').fontSize(10).moveDown(0.5);
  doc.text(`Number: ${invoice.number}`);
  doc.text(`Date: ${invoice.issuedDate}`);
  doc.text(`Order: ${invoice.orderId} of ${invoice.orderDate}`);
  if (invoice.creditedInvoiceNumber) doc.text(`Credits invoice: ${invoice.creditedInvoiceNumber}`);

  const partiesTop = doc.y + 20;
  block(
    doc,
    'From',
    [invoice.seller.name, ...invoice.seller.addressLines, `VAT ID: ${invoice.seller.vatId}`],
    MARGIN,
    partiesTop,
  );
  const sellerBottom = doc.y;
  block(doc, 'To', [invoice.buyer.name, ...invoice.buyer.addressLines], 320, partiesTop);
  doc.y = Math.max(sellerBottom, doc.y) + 25;

  doc.font('Helvetica-Bold');
  row(doc, { description: 'Description', quantity: 'Qty', unitPrice: 'Unit price', amount: 'Amount' });
  doc.font('Helvetica');
  for (const line of invoice.lines) row(doc, lineCells(line, money));
  doc.moveDown(0.5);
  if (invoice.kind === 'INVOICE')
    row(doc, { description: 'Delivery', quantity: '', unitPrice: '', amount: money(invoice.delivery) });
  doc.font('Helvetica-Bold');
  row(doc, {
    description: invoice.kind === 'INVOICE' ? 'Total' : 'Total credited',
    quantity: '',
    unitPrice: '',
    amount: money(invoice.total),
  });

  doc.end();
  return done;
}

type Cells = Record<keyof typeof COLUMNS, string>;

function lineCells(line: InvoiceLine, money: (minorUnits: number) => string): Cells {
  return {
    description: line.description,
    quantity: String(line.quantity),
    unitPrice: money(line.unitPrice),
    amount: money(line.amount),
  };
}

/** One table row at the current y, as tall as its tallest cell; on a new page when it does not fit. */
function row(doc: PDFKit.PDFDocument, cells: Cells): void {
  const height = Math.max(
    ...Object.entries(COLUMNS).map(([name, column]) => doc.heightOfString(cells[name as keyof Cells], { width: column.width })),
  );
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
  const top = doc.y;
  for (const [name, column] of Object.entries(COLUMNS)) {
    doc.text(cells[name as keyof Cells], column.x, top, {
      width: column.width,
      align: name === 'description' ? 'left' : 'right',
    });
  }
  doc.x = MARGIN;
  doc.y = top + height + ROW_GAP;
}

function block(doc: PDFKit.PDFDocument, heading: string, lines: readonly string[], x: number, y: number): void {
  doc.font('Helvetica-Bold').text(heading, x, y, { width: 225 });
  doc.font('Helvetica');
  for (const line of lines) doc.text(line, x, doc.y, { width: 225 });
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
