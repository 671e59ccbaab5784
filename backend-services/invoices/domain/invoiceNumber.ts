// Invoice and credit note numbers, and where their PDFs are kept. A number is the kind's prefix,
// the year of issue (UTC) and the kind's sequence in that year: INV-2026-000042. The sequence is
// gapless per year and kind; store/invoicesTable.ts hands it out.
import type { InvoiceKind } from './invoice.ts';

export const NUMBER_PREFIXES = { INVOICE: 'INV', CREDIT_NOTE: 'CN' } as const satisfies Record<InvoiceKind, string>;

/** The most a year's sequence can reach in 6 digits. */
export const MAX_SEQUENCE = 999_999;

const NUMBER_PATTERN = /^(INV|CN)-(\d{4})-(\d{6})$/u;

export interface ParsedNumber {
  readonly kind: InvoiceKind;
  readonly year: number;
  readonly sequence: number;
}

/** The year a document issued at `issuedDate` is numbered in: the UTC year. */
export function numberingYear(issuedDate: Date): number {
  return issuedDate.getUTCFullYear();
}

/** `INV-<year>-<6 digits>` or `CN-<year>-<6 digits>`; throws for a sequence outside 1..999999. */
export function formatInvoiceNumber(kind: InvoiceKind, year: number, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE)
    throw new RangeError(`A ${kind} sequence is 1 to ${MAX_SEQUENCE}; it is ${sequence}.`);
  if (!Number.isSafeInteger(year) || year < 1000 || year > 9999) throw new RangeError(`A year has 4 digits; it is ${year}.`);
  return `${NUMBER_PREFIXES[kind]}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The parts of a number, or undefined when it is not one. */
export function parseInvoiceNumber(number: string): ParsedNumber | undefined {
  const match = NUMBER_PATTERN.exec(number);
  if (!match) return undefined;
  const [, prefix, year, sequence] = match;
  return { kind: prefix === 'INV' ? 'INVOICE' : 'CREDIT_NOTE', year: Number(year), sequence: Number(sequence) };
}

/** The S3 key of the document's PDF: `invoices/<year>/<number>.pdf`. Throws for a malformed number. */
export function invoiceKey(number: string): string {
  const parsed = parseInvoiceNumber(number);
  if (!parsed) throw new Error(`"${number}" is not an invoice or credit note number.`);
  return `invoices/${parsed.year}/${number}.pdf`;
}
