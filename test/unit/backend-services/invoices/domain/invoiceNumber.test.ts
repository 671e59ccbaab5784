import { describe, expect, it } from 'vitest';
import {
  formatInvoiceNumber,
  invoiceKey,
  numberingYear,
  parseInvoiceNumber,
} from '../../../../../backend-services/invoices/domain/invoiceNumber.ts';

describe('formatInvoiceNumber', () => {
  it('writes an invoice number as INV, the year and 6 digits', () => {
    expect(formatInvoiceNumber('INVOICE', 2026, 42)).toBe('INV-2026-000042');
  });

  it('writes a credit note number as CN, the year and 6 digits', () => {
    expect(formatInvoiceNumber('CREDIT_NOTE', 2027, 999_999)).toBe('CN-2027-999999');
  });

  it.each([0, 1_000_000, 1.5])('refuses the sequence %s', (sequence) => {
    expect(() => formatInvoiceNumber('INVOICE', 2026, sequence)).toThrow(RangeError);
  });
});

describe('numberingYear', () => {
  it('is the UTC year of the issue date, whatever the local time', () => {
    expect(numberingYear(new Date('2026-12-31T23:59:59.999Z'))).toBe(2026);
    expect(numberingYear(new Date('2027-01-01T00:30:00+01:00'))).toBe(2026);
    expect(numberingYear(new Date('2027-01-01T00:00:00Z'))).toBe(2027);
  });
});

describe('parseInvoiceNumber', () => {
  it('reads the kind, year and sequence back', () => {
    expect(parseInvoiceNumber('CN-2026-000007')).toEqual({ kind: 'CREDIT_NOTE', year: 2026, sequence: 7 });
  });

  it.each(['INV-2026-42', 'XX-2026-000001', 'INV-2026-000001.pdf', ''])('answers undefined for "%s"', (text) => {
    expect(parseInvoiceNumber(text)).toBeUndefined();
  });
});

describe('invoiceKey', () => {
  it("keeps a document's PDF under its year", () => {
    expect(invoiceKey('INV-2026-000042')).toBe('invoices/2026/INV-2026-000042.pdf');
    expect(invoiceKey('CN-2027-000001')).toBe('invoices/2027/CN-2027-000001.pdf');
  });

  it('refuses what is not a number', () => {
    expect(() => invoiceKey('../etc/passwd')).toThrow(/not an invoice or credit note number/);
  });
});
