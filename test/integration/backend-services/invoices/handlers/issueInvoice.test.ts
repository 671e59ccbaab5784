import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LOCAL_S3_CREDENTIALS } from 'appsync-local/s3/index.ts';
import {
  loadInvoicesService,
  startTestS3,
  TEST_BUCKET,
  type InvoicesService,
  type TestS3,
} from '../../../../support/backend-services/invoicesService.ts';
import { anOrderItem } from '../../../../support/backend-services/orders.ts';
import { aMoneyTakenEvent } from '../../../../support/backend-services/paymentEvents.ts';
import { aLambdaContext, aProxyEvent } from '../../../../support/backend-services/proxyEvents.ts';
import { putItem, readItem } from '../../../../support/backend-services/testTables.ts';
import { pdfText } from '../../../../support/pdfText.ts';

const year = new Date().getUTCFullYear();
const numberOf = (sequence: number) => `INV-${year}-${String(sequence).padStart(6, '0')}`;

describe('issueInvoice', () => {
  let s3: TestS3;
  let client: S3Client;

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

  const keysUnder = async (prefix: string): Promise<string[]> => {
    const { Contents = [] } = await client.send(new ListObjectsV2Command({ Bucket: TEST_BUCKET, Prefix: prefix }));
    return Contents.map((object) => object.Key!).sort();
  };
  const objectOf = async (key: string) => {
    const object = await client.send(new GetObjectCommand({ Bucket: TEST_BUCKET, Key: key }));
    return { contentType: object.ContentType, bytes: Buffer.from(await object.Body!.transformToByteArray()) };
  };

  describe('on one service', () => {
    let service: InvoicesService;
    beforeAll(async () => {
      service = await loadInvoicesService(s3);
    });

    it('puts the order’s invoice PDF in the bucket, showing its number, lines and total, and records it STORED', async () => {
      await putItem(service.orders, anOrderItem('order-pdf'));
      await service.issueInvoice(aMoneyTakenEvent('PaymentCaptured', { orderId: 'order-pdf' }));

      const record = await readItem(service.invoices, { recordKey: 'invoice#order-pdf' });
      expect(record).toMatchObject({ orderId: 'order-pdf', invoiceNumber: numberOf(1), total: 6900, status: 'STORED' });
      const key = `invoices/${year}/${numberOf(1)}.pdf`;
      expect(record?.s3Key).toBe(key);
      const { contentType, bytes } = await objectOf(key);
      expect(contentType).toBe('application/pdf');
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(bytes);
      expect(text).toEqual(
        expect.arrayContaining(['Invoice', `Number: ${numberOf(1)}`, 'Commerce Test Ltd', 'VAT ID: GB123456789']),
      );
      const joined = text.join('|');
      expect(joined).toContain('Desk Lamp|2|EUR 25.00|EUR 50.00');
      expect(joined).toContain('Mug|1|EUR 9.00|EUR 9.00');
      expect(joined).toContain('Total|EUR 69.00');
    });

    it('issues one invoice, one number and one object for the same event delivered 3 times', async () => {
      await putItem(service.orders, anOrderItem('order-thrice'));
      const event = aMoneyTakenEvent('PaymentSucceeded', { orderId: 'order-thrice' });
      const createdBefore = s3.created.length;
      for (let i = 0; i < 3; i++) await service.issueInvoice(event);

      const record = await readItem(service.invoices, { recordKey: 'invoice#order-thrice' });
      expect(record).toMatchObject({ invoiceNumber: numberOf(2), status: 'STORED' });
      expect(await readItem(service.invoices, { recordKey: `counter#INVOICE#${year}` })).toMatchObject({ last: 2 });
      expect(s3.created.slice(createdBefore).map((e) => e.detail.object.key)).toEqual([record?.s3Key]);
    });

    it('renders and uploads again, to the same bytes, an invoice numbered by an attempt that failed before storing it', async () => {
      await putItem(service.orders, anOrderItem('order-retried'));
      await service.issueInvoice(aMoneyTakenEvent('PaymentCaptured', { orderId: 'order-retried' }));
      const record = await readItem(service.invoices, { recordKey: 'invoice#order-retried' });
      const first = await objectOf(String(record?.s3Key));
      // As if the first attempt had stopped after its upload: the record is NUMBERED again.
      await putItem(service.invoices, { ...record, status: 'NUMBERED' });

      await service.issueInvoice(aMoneyTakenEvent('PaymentCaptured', { orderId: 'order-retried' }));
      expect(await readItem(service.invoices, { recordKey: 'invoice#order-retried' })).toEqual(record);
      expect((await objectOf(String(record?.s3Key))).bytes.equals(first.bytes)).toBe(true);
    });

    it('records nothing, uploads nothing and does not throw when the order does not exist', async () => {
      const keysBefore = await keysUnder('invoices/');
      await expect(
        service.issueInvoice(aMoneyTakenEvent('PaymentCaptured', { orderId: 'order-missing' })),
      ).resolves.toBeUndefined();
      expect(await readItem(service.invoices, { recordKey: 'invoice#order-missing' })).toBeUndefined();
      expect(await keysUnder('invoices/')).toEqual(keysBefore);
    });

    it('refuses a PaymentCaptured of any source but the payment service, which alone may put its events', async () => {
      const forged = { ...aMoneyTakenEvent('PaymentCaptured', { orderId: 'order-forged' }), source: 'ecommerce.orders' };
      await expect(service.issueInvoice(forged)).rejects.toThrow(
        /from ecommerce\.payment; got ecommerce\.orders PaymentCaptured/,
      );
      expect(await readItem(service.invoices, { recordKey: 'invoice#order-forged' })).toBeUndefined();
    });

    it('answers batch-get with the stored invoices, each with a download URL of its PDF, and the orders without one', async () => {
      const response = await service.batchGetInvoices(
        aProxyEvent({
          httpMethod: 'POST',
          path: '/invoices/batch-get',
          body: JSON.stringify({ orderIds: ['order-pdf', 'order-none'] }),
        }),
        aLambdaContext(),
      );
      expect(response.statusCode).toBe(200);
      const body = JSON.parse(response.body) as {
        invoices: { orderId: string; url: string }[];
        creditNotes: unknown[];
        missing: string[];
      };
      expect(body.missing).toEqual(['order-none']);
      expect(body.creditNotes).toEqual([]);
      expect(body.invoices).toEqual([
        expect.objectContaining({
          orderId: 'order-pdf',
          invoiceNumber: numberOf(1),
          total: 6900,
          // The day printed on it, as the API's AWSDate.
          issuedDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        }),
      ]);
      const url = new URL(body.invoices[0]!.url);
      expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
      const download = await fetch(url);
      expect(download.status).toBe(200);
      const stored = await objectOf(`invoices/${year}/${numberOf(1)}.pdf`);
      expect(Buffer.from(await download.arrayBuffer()).equals(stored.bytes)).toBe(true);
    });
  });

  it('numbers 20 different orders paid at once 1 to 20, each PDF at its number', async () => {
    const service = await loadInvoicesService(s3);
    const orderIds = Array.from({ length: 20 }, (_, i) => `order-many-${i + 1}`);
    await Promise.all(orderIds.map((orderId) => putItem(service.orders, anOrderItem(orderId))));

    await Promise.all(orderIds.map((orderId) => service.issueInvoice(aMoneyTakenEvent('PaymentCaptured', { orderId }))));

    const records = await Promise.all(orderIds.map((orderId) => readItem(service.invoices, { recordKey: `invoice#${orderId}` })));
    expect(records.map((r) => r?.sequence).sort((a, b) => Number(a) - Number(b))).toEqual(orderIds.map((_, i) => i + 1));
    expect(records.every((r) => r?.status === 'STORED')).toBe(true);
    expect(records.map((r) => r?.s3Key).sort()).toEqual(orderIds.map((_, i) => `invoices/${year}/${numberOf(i + 1)}.pdf`));
    expect(await keysUnder('invoices/')).toEqual(expect.arrayContaining(records.map((r) => r?.s3Key)));
  });
});
