// The credit notes of refunds, on DynamoDB Local and a local S3: a PaymentRefunded event as the
// issue-credit-notes rule delivers it → a CN-<year>-NNNNNN record STORED and its PDF beside the
// invoices, once per refund however often the event comes, and batch-get answering it.
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { compilePattern } from 'appsync-local/eventbridge/patterns/compile.ts';
import { matchesPattern } from 'appsync-local/eventbridge/patterns/match.ts';
import { LOCAL_S3_CREDENTIALS } from 'appsync-local/s3/index.ts';
import { EVENT_RULES } from '../../../../../system/events.ts';
import {
  loadInvoicesService,
  startTestS3,
  TEST_BUCKET,
  type InvoicesService,
  type TestS3,
} from '../../../../support/backend-services/invoicesService.ts';
import { anOrderItem } from '../../../../support/backend-services/orders.ts';
import { aMoneyTakenEvent, aRefundEvent } from '../../../../support/backend-services/paymentEvents.ts';
import { aLambdaContext, aProxyEvent } from '../../../../support/backend-services/proxyEvents.ts';
import { putItem, readItem } from '../../../../support/backend-services/testTables.ts';
import { pdfText } from '../../../../support/pdfText.ts';

const year = new Date().getUTCFullYear();
const invoiceNumber = (sequence: number) => `INV-${year}-${String(sequence).padStart(6, '0')}`;
const creditNoteNumber = (sequence: number) => `CN-${year}-${String(sequence).padStart(6, '0')}`;
const keyOf = (number: string) => `invoices/${year}/${number}.pdf`;

describe('issueCreditNote', () => {
  let s3: TestS3;
  let client: S3Client;
  let service: InvoicesService;

  beforeAll(async () => {
    s3 = await startTestS3();
    client = new S3Client({
      endpoint: s3.endpoint,
      region: LOCAL_REGION,
      forcePathStyle: true,
      credentials: LOCAL_S3_CREDENTIALS,
    });
  });
  afterAll(async () => {
    client?.destroy();
    await s3?.close();
  });
  // A fresh service each test: fresh tables, so both sequences start at 1.
  beforeEach(async () => {
    service = await loadInvoicesService(s3);
  });

  const objectBytes = async (key: string) => {
    const object = await client.send(new GetObjectCommand({ Bucket: TEST_BUCKET, Key: key }));
    expect(object.ContentType).toBe('application/pdf');
    return Buffer.from(await object.Body!.transformToByteArray());
  };
  const keysUnder = async (prefix: string): Promise<string[]> => {
    const { Contents = [] } = await client.send(new ListObjectsV2Command({ Bucket: TEST_BUCKET, Prefix: prefix }));
    return Contents.map((object) => object.Key!).sort();
  };
  const creditNotesOf = async (orderId: string, refundKey: string) =>
    readItem(service.invoices, { recordKey: `creditNote#${orderId}#${refundKey}` });
  /** An order in the table with its invoice issued (INV-…-000001 in a fresh service). */
  const anInvoicedOrder = async (orderId: string) => {
    await putItem(service.orders, anOrderItem(orderId));
    await service.issueInvoice(aMoneyTakenEvent('PaymentCaptured', { orderId }));
  };

  it('is the target of the issue-credit-notes rule, for PaymentRefunded only', () => {
    const rule = EVENT_RULES.find((candidate) => candidate.name === 'issue-credit-notes')!;
    const pattern = compilePattern(rule.eventPattern);
    expect(matchesPattern(pattern, aRefundEvent({ orderId: 'o-1', refundKey: 'k' }))).toBe(true);
    expect(matchesPattern(pattern, aMoneyTakenEvent('PaymentCaptured', { orderId: 'o-1' }))).toBe(false);
    expect(rule.targets).toEqual([
      expect.objectContaining({ handler: expect.objectContaining({ installedPackages: ['pdfkit'] }) }),
    ]);
  });

  it('puts the refund’s credit note beside the invoices: its number, the invoice it credits, this refund’s amount', async () => {
    await anInvoicedOrder('order-cn');
    // The second refund of the order: the event's refundedAmount is the total so far, not this refund.
    await service.issueCreditNote(
      aRefundEvent({
        orderId: 'order-cn',
        refundKey: 'refund-2',
        amount: 1500,
        refundedAmount: 2500,
        status: 'PARTIALLY_REFUNDED',
      }),
    );

    const record = await creditNotesOf('order-cn', 'refund-2');
    expect(record).toMatchObject({
      orderId: 'order-cn',
      kind: 'CREDIT_NOTE',
      invoiceNumber: creditNoteNumber(1),
      creditedInvoiceNumber: invoiceNumber(1),
      refundKey: 'refund-2',
      total: 1500,
      s3Key: keyOf(creditNoteNumber(1)),
      status: 'STORED',
    });
    const text = pdfText(await objectBytes(keyOf(creditNoteNumber(1))));
    expect(text).toEqual(
      expect.arrayContaining([
        'Credit note',
        `Number: ${creditNoteNumber(1)}`,
        `Credits invoice: ${invoiceNumber(1)}`,
        'Commerce Test Ltd',
        'Ada Lovelace',
      ]),
    );
    const joined = text.join('|');
    expect(joined).toContain(`Refund for invoice ${invoiceNumber(1)}|1|EUR 15.00|EUR 15.00`);
    expect(joined).toContain('Total credited|EUR 15.00');
    expect(joined).not.toContain('Desk Lamp');
  });

  it('issues one credit note, one number and one object for a refund delivered 3 times, and 3 times at once', async () => {
    await anInvoicedOrder('order-again');
    const event = aRefundEvent({ orderId: 'order-again', refundKey: 'refund-1' });
    const createdBefore = s3.created.length;
    for (let i = 0; i < 3; i++) await service.issueCreditNote(event);
    await Promise.all([1, 2, 3].map(() => service.issueCreditNote({ ...event, id: `redelivered-${Math.random()}` })));

    expect(await creditNotesOf('order-again', 'refund-1')).toMatchObject({
      invoiceNumber: creditNoteNumber(1),
      status: 'STORED',
    });
    expect(await readItem(service.invoices, { recordKey: `counter#CREDIT_NOTE#${year}` })).toMatchObject({ last: 1 });
    expect(s3.created.slice(createdBefore).map((e) => e.detail.object.key)).toEqual([keyOf(creditNoteNumber(1))]);
  });

  it('gives each refund of an order its own credit note, numbered in turn', async () => {
    await anInvoicedOrder('order-twice');
    await service.issueCreditNote(aRefundEvent({ orderId: 'order-twice', refundKey: 'first', amount: 1000 }));
    await service.issueCreditNote(
      aRefundEvent({ orderId: 'order-twice', refundKey: 'rest', amount: 5900, refundedAmount: 6900, status: 'REFUNDED' }),
    );
    expect(await creditNotesOf('order-twice', 'first')).toMatchObject({ invoiceNumber: creditNoteNumber(1), total: 1000 });
    expect(await creditNotesOf('order-twice', 'rest')).toMatchObject({ invoiceNumber: creditNoteNumber(2), total: 5900 });
  });

  it('takes the invoice’s number when the refund comes before the invoice’s event, which then stores that invoice', async () => {
    await putItem(service.orders, anOrderItem('order-early'));
    await service.issueCreditNote(aRefundEvent({ orderId: 'order-early', refundKey: 'refund-1' }));
    expect(await readItem(service.invoices, { recordKey: 'invoice#order-early' })).toMatchObject({
      invoiceNumber: invoiceNumber(1),
      status: 'NUMBERED',
    });
    expect(await creditNotesOf('order-early', 'refund-1')).toMatchObject({
      creditedInvoiceNumber: invoiceNumber(1),
      status: 'STORED',
    });

    await service.issueInvoice(aMoneyTakenEvent('PaymentCaptured', { orderId: 'order-early' }));
    expect(await readItem(service.invoices, { recordKey: 'invoice#order-early' })).toMatchObject({
      invoiceNumber: invoiceNumber(1),
      status: 'STORED',
    });
    expect(pdfText(await objectBytes(keyOf(invoiceNumber(1))))).toContain(`Number: ${invoiceNumber(1)}`);
  });

  it('records nothing, uploads nothing and does not throw when the order does not exist', async () => {
    const keysBefore = await keysUnder('invoices/');
    await expect(service.issueCreditNote(aRefundEvent({ orderId: 'order-missing', refundKey: 'k' }))).resolves.toBeUndefined();
    expect(await creditNotesOf('order-missing', 'k')).toBeUndefined();
    expect(await readItem(service.invoices, { recordKey: `counter#CREDIT_NOTE#${year}` })).toBeUndefined();
    expect(await keysUnder('invoices/')).toEqual(keysBefore);
  });

  it('throws, taking no number, for a refund larger than the order', async () => {
    await anInvoicedOrder('order-small');
    await expect(service.issueCreditNote(aRefundEvent({ orderId: 'order-small', refundKey: 'k', amount: 6901 }))).rejects.toThrow(
      RangeError,
    );
    expect(await readItem(service.invoices, { recordKey: `counter#CREDIT_NOTE#${year}` })).toBeUndefined();
  });

  it('refuses an event that names no refund', async () => {
    const event = aRefundEvent({ orderId: 'order-x', refundKey: 'k' });
    await expect(service.issueCreditNote({ ...event, detail: { ...event.detail, refundKey: undefined } })).rejects.toThrow(
      /Expected a PaymentRefunded event with an orderId, a refundKey/,
    );
    await expect(service.issueCreditNote(aMoneyTakenEvent('PaymentCaptured', { orderId: 'order-x' }))).rejects.toThrow(
      /got ecommerce.payment PaymentCaptured/,
    );
  });

  it('refuses a PaymentRefunded of any source but the payment service, which alone may put its events', async () => {
    const forged = { ...aRefundEvent({ orderId: 'order-x', refundKey: 'k' }), source: 'ecommerce.orders' };
    await expect(service.issueCreditNote(forged)).rejects.toThrow(
      /from ecommerce\.payment; got ecommerce\.orders PaymentRefunded/,
    );
  });

  it('answers batch-get with the orders’ stored credit notes beside their invoices, each with a download URL', async () => {
    await anInvoicedOrder('order-listed');
    await service.issueCreditNote(aRefundEvent({ orderId: 'order-listed', refundKey: 'b', amount: 500 }));
    await service.issueCreditNote(aRefundEvent({ orderId: 'order-listed', refundKey: 'a', amount: 700 }));
    // A credit note numbered by an attempt that failed before storing it is not answered yet.
    const numbered = await creditNotesOf('order-listed', 'a');
    await putItem(service.invoices, { ...numbered, status: 'NUMBERED' });

    const response = await service.batchGetInvoices(
      aProxyEvent({
        httpMethod: 'POST',
        path: '/invoices/batch-get',
        body: JSON.stringify({ orderIds: ['order-listed', 'order-none'] }),
      }),
      aLambdaContext(),
    );
    expect(response.statusCode).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const body = JSON.parse(response.body) as { creditNotes: { url: string }[] };
    expect(body).toEqual({
      invoices: [
        { orderId: 'order-listed', invoiceNumber: invoiceNumber(1), issuedDate: today, total: 6900, url: expect.any(String) },
      ],
      creditNotes: [
        {
          orderId: 'order-listed',
          invoiceNumber: creditNoteNumber(1),
          creditedInvoiceNumber: invoiceNumber(1),
          issuedDate: today,
          total: 500,
          url: expect.any(String),
        },
      ],
      missing: ['order-none'],
    });
    const download = await fetch(body.creditNotes[0]!.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(await objectBytes(keyOf(creditNoteNumber(1))))).toBe(true);
  });
});
