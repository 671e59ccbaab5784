import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import type * as invoicesStore from '../../../../../backend-services/invoices/store/invoicesTable.ts';
import { INVOICES_TABLE } from '../../../../../system/tables.ts';
import { createTestTable, readItem, type TestTable } from '../../../../support/backend-services/testTables.ts';
import { INVOICING_ENVIRONMENT } from '../../../../support/backend-services/invoicesService.ts';

// Each test numbers in a year of its own, so that they share the table and not the counters.
describe('the invoices table', () => {
  let table: TestTable;
  let store: typeof invoicesStore;

  beforeAll(async () => {
    table = await createTestTable(INVOICES_TABLE);
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      INVOICES_TABLE: table.tableName,
      DYNAMODB_ENDPOINT: table.dynamodbEndpoint,
      ORDERS_TABLE: 'orders-unused',
      ...INVOICING_ENVIRONMENT,
    });
    vi.resetModules();
    store = await import('../../../../../backend-services/invoices/store/invoicesTable.ts');
  });

  it('numbers 20 orders invoiced at once 1 to 20 of the year: no gap, no number twice', async () => {
    const issuedDate = new Date('2026-06-01T12:00:00Z');
    const orderIds = Array.from({ length: 20 }, (_, i) => `order-${i + 1}`);
    const records = await Promise.all(orderIds.map((orderId) => store.numberInvoice({ orderId, issuedDate, total: 6900 })));

    expect(records.map((r) => r.sequence).sort((a, b) => a - b)).toEqual(orderIds.map((_, i) => i + 1));
    expect(new Set(records.map((r) => r.invoiceNumber)).size).toBe(20);
    expect(records.map((r) => r.orderId)).toEqual(orderIds);
    expect(await readItem(table, { recordKey: 'counter#INVOICE#2026' })).toEqual({ recordKey: 'counter#INVOICE#2026', last: 20 });
    for (const record of records)
      expect(await readItem(table, { recordKey: `invoice#${record.orderId}` })).toEqual({
        recordKey: `invoice#${record.orderId}`,
        ...record,
      });
  });

  it('writes the record NUMBERED, with its number, sequence, year, total and S3 key', async () => {
    const record = await store.numberInvoice({
      orderId: 'order-2030',
      issuedDate: new Date('2030-02-03T04:05:06Z'),
      total: 4200,
    });
    expect(record).toEqual({
      orderId: 'order-2030',
      kind: 'INVOICE',
      invoiceNumber: 'INV-2030-000001',
      year: 2030,
      sequence: 1,
      issuedDate: '2030-02-03T04:05:06.000Z',
      total: 4200,
      s3Key: 'invoices/2030/INV-2030-000001.pdf',
      status: 'NUMBERED',
    });
    expect(await readItem(table, { recordKey: 'invoice#order-2030' })).toEqual({ recordKey: 'invoice#order-2030', ...record });
  });

  it('gives the same order asked 3 times at once one number, and the next order the next', async () => {
    const issuedDate = new Date('2027-03-01T00:00:00Z');
    const answers = await Promise.all(
      [1, 2, 3].map(() => store.numberInvoice({ orderId: 'order-again', issuedDate, total: 100 })),
    );
    expect(new Set(answers.map((a) => a.invoiceNumber))).toEqual(new Set(['INV-2027-000001']));
    const asked = await store.numberInvoice({ orderId: 'order-again', issuedDate: new Date('2027-09-09T00:00:00Z'), total: 100 });
    expect(asked).toEqual(answers[0]);
    expect((await store.numberInvoice({ orderId: 'order-next', issuedDate, total: 100 })).invoiceNumber).toBe('INV-2027-000002');
  });

  it('starts a new year at 1', async () => {
    const late = await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        store.numberInvoice({ orderId: `order-2028-${id}`, issuedDate: new Date('2028-12-31T23:59:59Z'), total: 1 }),
      ),
    );
    expect(late.map((r) => r.invoiceNumber).sort()).toEqual(['INV-2028-000001', 'INV-2028-000002', 'INV-2028-000003']);
    const first = await store.numberInvoice({ orderId: 'order-2029-a', issuedDate: new Date('2029-01-01T00:00:00Z'), total: 1 });
    expect(first).toMatchObject({ invoiceNumber: 'INV-2029-000001', year: 2029, sequence: 1 });
  });

  it('counts credit notes apart from invoices, one per refund, each naming the invoice it credits', async () => {
    const issuedDate = new Date('2031-05-05T00:00:00Z');
    const invoices = await Promise.all(
      ['x', 'y'].map((id) => store.numberInvoice({ orderId: `order-2031-${id}`, issuedDate, total: 500 })),
    );
    const credit = (refundKey: string, total: number) =>
      store.numberCreditNote({
        orderId: 'order-2031-x',
        refundKey,
        creditedInvoiceNumber: invoices[0]!.invoiceNumber,
        issuedDate,
        total,
      });
    const notes = await Promise.all([credit('refund-1', 200), credit('refund-1', 200), credit('refund-2', 300)]);
    expect(notes[0]).toEqual(notes[1]);
    expect([notes[0]?.invoiceNumber, notes[2]?.invoiceNumber].sort()).toEqual(['CN-2031-000001', 'CN-2031-000002']);
    expect(notes[2]).toMatchObject({
      kind: 'CREDIT_NOTE',
      refundKey: 'refund-2',
      creditedInvoiceNumber: invoices[0]!.invoiceNumber,
      total: 300,
      s3Key: `invoices/2031/${notes[2]!.invoiceNumber}.pdf`,
    });
    expect(await readItem(table, { recordKey: 'counter#INVOICE#2031' })).toMatchObject({ last: 2 });
    expect(await readItem(table, { recordKey: 'counter#CREDIT_NOTE#2031' })).toMatchObject({ last: 2 });
  });

  it('lists an order’s invoice and credit notes by number, and nothing of other orders', async () => {
    const issuedDate = new Date('2032-01-10T00:00:00Z');
    const invoice = await store.numberInvoice({ orderId: 'order-listed', issuedDate, total: 900 });
    await store.numberInvoice({ orderId: 'order-other', issuedDate, total: 100 });
    const credit = (refundKey: string) =>
      store.numberCreditNote({
        orderId: 'order-listed',
        refundKey,
        creditedInvoiceNumber: invoice.invoiceNumber,
        issuedDate,
        total: 100,
      });
    const first = await credit('refund-b');
    const second = await credit('refund-a');
    expect(await store.markCreditNoteStored('order-listed', 'refund-a')).toBe(true);
    expect(await store.markCreditNoteStored('order-listed', 'refund-a')).toBe(false);

    expect(await store.findOrderDocuments('order-listed')).toEqual({
      invoice,
      creditNotes: [first, { ...second, status: 'STORED' }],
    });
    expect(await store.findOrderDocuments('order-never')).toEqual({ invoice: undefined, creditNotes: [] });
  });

  it('refuses to mark stored a document that was never numbered', async () => {
    await expect(store.markCreditNoteStored('order-nothing', 'refund-1')).rejects.toThrow(
      /creditNote#order-nothing#refund-1 has no record to mark stored/,
    );
  });
});
