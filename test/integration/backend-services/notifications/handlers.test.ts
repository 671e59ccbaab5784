// The notifications service's handlers on DynamoDB Local, a local S3 and a real mail server (the
// local mailbox): what reaches the mailbox for each event, and what the ledger keeps.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { attachmentOf, deleteAllEmails, listEmails, startLocalMailbox, type LocalMailbox } from 'appsync-local/mail/index.ts';
import { LOCAL_S3_CREDENTIALS } from 'appsync-local/s3/index.ts';
import { invoiceFromOrder } from '../../../../backend-services/invoices/domain/invoice.ts';
import { renderInvoicePdf } from '../../../../backend-services/invoices/domain/renderPdf.ts';
import { documentMetadata } from '../../../../domain/documents.ts';
import { startTestS3, TEST_BUCKET, TEST_SELLER, type TestS3 } from '../../../support/backend-services/invoicesService.ts';
import {
  anOrderEvent,
  loadNotificationsService,
  type NotificationsService,
} from '../../../support/backend-services/notificationsService.ts';
import { anOrderItem } from '../../../support/backend-services/orders.ts';
import { putItem, readItem } from '../../../support/backend-services/testTables.ts';
import { pdfText } from '../../../support/pdfText.ts';

let s3: TestS3;
let mailbox: LocalMailbox;
let service: NotificationsService;

beforeAll(async () => {
  [s3, mailbox] = await Promise.all([startTestS3(), startLocalMailbox({ smtpPort: 0, webPort: 0 })]);
  service = await loadNotificationsService(s3, mailbox.smtp);
});

afterAll(async () => {
  await Promise.all([s3?.close(), mailbox?.close()]);
});

beforeEach(async () => {
  await deleteAllEmails(mailbox.url);
});

const customer = (orderId: string) => anOrderItem(orderId, { customerEmail: `${orderId}@example.com` });

describe('orderStatusEmail', () => {
  it('confirms a NEW order to the address it was placed with, once however often the event comes', async () => {
    await putItem(service.orders, customer('order-confirm'));
    const event = anOrderEvent('OrderCreated', { orderId: 'order-confirm', status: 'NEW' });
    await service.orderStatusEmail(event);
    await Promise.all([service.orderStatusEmail(event), service.orderStatusEmail(event)].map((p) => p.catch(() => 'in flight')));
    await service.orderStatusEmail(event);

    const emails = await listEmails(mailbox.url);
    expect(emails.map((e) => e.subject)).toEqual(['Order order-confirm confirmed']);
    const [email] = emails;
    expect(email?.to).toEqual([{ address: 'order-confirm@example.com', name: 'Ada Lovelace' }]);
    expect(email?.from).toEqual([{ address: 'orders@shop.test', name: 'Commerce Test' }]);
    expect(email?.headers['message-id']).toBe('<order-confirm#ORDER_CONFIRMED@shop.test>');
    expect(email?.text).toContain('Total: EUR 69.00');
    expect(email?.html).toContain('https://shop.test/orders/order-confirm');
    expect(await readItem(service.sentEmails, { emailKey: 'order-confirm#ORDER_CONFIRMED' })).toMatchObject({
      state: 'SENT',
      attempts: 1,
      orderId: 'order-confirm',
      kind: 'ORDER_CONFIRMED',
      recipient: 'order-confirm@example.com',
      messageId: '<order-confirm#ORDER_CONFIRMED@shop.test>',
    });
  });

  it('sends a status email with the reason the event gives, and nothing for the steps between', async () => {
    await putItem(service.orders, customer('order-status'));
    for (const status of ['PACKAGING', 'PACKAGED'] as const)
      await service.orderStatusEmail(anOrderEvent('OrderStatusChanged', { orderId: 'order-status', status }));
    await service.orderStatusEmail(
      anOrderEvent('OrderStatusChanged', { orderId: 'order-status', status: 'CANCELLED', statusReason: 'PAYMENT_FAILED' }),
    );
    const emails = await listEmails(mailbox.url);
    expect(emails.map((e) => e.subject)).toEqual(['Order order-status cancelled']);
    expect(emails[0]?.text).toContain('The payment did not go through.');
  });

  it('leaves out the status emails of a customer who turned them off, and still confirms', async () => {
    await putItem(service.orders, customer('order-quiet'));
    await putItem(service.preferences, { userId: 'user-1', orderUpdates: false });
    try {
      await service.orderStatusEmail(anOrderEvent('OrderStatusChanged', { orderId: 'order-quiet', status: 'IN_DELIVERY' }));
      await service.orderStatusEmail(anOrderEvent('OrderStatusChanged', { orderId: 'order-quiet', status: 'NEW' }));
    } finally {
      await putItem(service.preferences, { userId: 'user-1', orderUpdates: true });
    }
    expect((await listEmails(mailbox.url)).map((e) => e.subject)).toEqual(['Order order-quiet confirmed']);
    expect(await readItem(service.sentEmails, { emailKey: 'order-quiet#ORDER_SHIPPED' })).toBeUndefined();
  });

  it('sends nothing for an order without an email address, or one that does not exist', async () => {
    await putItem(service.orders, anOrderItem('order-no-address'));
    await service.orderStatusEmail(anOrderEvent('OrderCreated', { orderId: 'order-no-address', status: 'NEW' }));
    await service.orderStatusEmail(anOrderEvent('OrderCreated', { orderId: 'order-missing', status: 'NEW' }));
    expect(await listEmails(mailbox.url)).toEqual([]);
  });

  it('refuses an order event of any source but the orders service, which alone may put its events', async () => {
    await putItem(service.orders, customer('order-forged'));
    const forged = { ...anOrderEvent('OrderCreated', { orderId: 'order-forged', status: 'NEW' }), source: 'ecommerce.payment' };
    await expect(service.orderStatusEmail(forged)).rejects.toThrow(/from ecommerce\.orders; got ecommerce\.payment OrderCreated/);
    expect(await listEmails(mailbox.url)).toEqual([]);
  });

  it('throws when the mail server cannot be reached, so the bus retries; the retry sends it once', async () => {
    await putItem(service.orders, customer('order-retry'));
    const event = anOrderEvent('OrderStatusChanged', { orderId: 'order-retry', status: 'FULFILLED' });
    const down = await loadNotificationsService(s3, { host: '127.0.0.1', port: 9 });
    await putItem(down.orders, customer('order-retry'));
    await expect(down.orderStatusEmail(event)).rejects.toMatchObject({ name: 'MailNotSent' });
    expect(await readItem(down.sentEmails, { emailKey: 'order-retry#ORDER_DELIVERED' })).toMatchObject({
      state: 'FAILED',
      attempts: 1,
    });
    // The same ledger, the mail server back: the bus's retry, and one more.
    const up = await loadNotificationsService(s3, mailbox.smtp, down);
    await up.orderStatusEmail(event);
    await up.orderStatusEmail(event);
    expect((await listEmails(mailbox.url)).map((e) => e.subject)).toEqual(['Order order-retry delivered']);
    expect(await readItem(down.sentEmails, { emailKey: 'order-retry#ORDER_DELIVERED' })).toMatchObject({
      state: 'SENT',
      attempts: 2,
    });
  });
});

describe('documentEmail', () => {
  const client = () =>
    new S3Client({ endpoint: s3.endpoint, region: LOCAL_REGION, forcePathStyle: true, credentials: LOCAL_S3_CREDENTIALS });

  it('emails a stored invoice with its PDF attached, once per document however often S3 tells of it', async () => {
    const order = customer('order-invoice');
    await putItem(service.orders, order);
    const number = 'INV-2026-000042';
    const pdf = await renderInvoicePdf(
      invoiceFromOrder(order, { number, issuedDate: new Date('2026-03-04T00:00:00Z'), seller: TEST_SELLER, currency: 'EUR' }),
      { compress: false },
    );
    const key = `invoices/2026/${number}.pdf`;
    const before = s3.created.length;
    // As the invoices service stores it, twice (a retried upload): two Object Created events.
    for (let i = 0; i < 2; i += 1)
      await client().send(
        new PutObjectCommand({
          Bucket: TEST_BUCKET,
          Key: key,
          Body: pdf,
          ContentType: 'application/pdf',
          Metadata: documentMetadata({ orderId: 'order-invoice', kind: 'INVOICE', number }),
        }),
      );
    const events = s3.created.slice(before);
    expect(events).toHaveLength(2);
    for (const event of [...events, events[0]!]) await service.documentEmail(event);

    const emails = await listEmails(mailbox.url);
    expect(emails.map((e) => e.subject)).toEqual([`Invoice ${number} for order order-invoice`]);
    const [attachment] = emails[0]!.attachments;
    expect(attachment).toMatchObject({ filename: `${number}.pdf`, contentType: 'application/pdf' });
    const attached = await attachmentOf(mailbox.url, emails[0]!.id, attachment!.generatedFileName);
    expect(attached).toEqual(pdf);
    expect(pdfText(attached)).toEqual(expect.arrayContaining([`Number: ${number}`, 'Desk Lamp']));
  });

  it('sends nothing for an object that is not a stored document', async () => {
    const before = s3.created.length;
    await client().send(new PutObjectCommand({ Bucket: TEST_BUCKET, Key: 'invoices/2026/stray.pdf', Body: 'x' }));
    await service.documentEmail(s3.created[before]!);
    expect(await listEmails(mailbox.url)).toEqual([]);
  });
});
