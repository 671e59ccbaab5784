// What the customer receives, through the running stack: their emails in the local mailbox
// (custom.local.mailboxUrl), sent by the notifications service over SMTP as it would send through
// SES. A card order placed → its confirmation; fulfilled by the back office → "on its way",
// "delivered", and (the payment captured, the invoice stored in S3, S3's Object Created event on
// the default bus) the invoice with its PDF attached. Preferences through the API; redelivered
// events send nothing twice.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import { attachmentOf, listEmails, type MailboxEmail } from 'appsync-local/mail/index.ts';
import type { CreateOrderResponse, NotificationPreferences, Product } from '../../generated/graphql.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { ADDRESS, deliveryPricing, eventsOfOrder, fulfilOrder, preauthorize } from '../support/checkout.ts';
import { pdfText } from '../support/pdfText.ts';
import { localStack } from '../support/stack.ts';
import { productInput, putProduct, uniqueId, type Headers } from '../support/storeApi.ts';
import { createStoreUser, type StoreUser } from '../support/storeUsers.ts';

const { local, testCredentials } = localStack();
const SENT = { timeout: 20_000, interval: 250 };
/** Long enough for a redelivered event to have been handled, had it sent anything. */
const QUIET_MS = 1_500;

let warehouse: Headers;
let delivery: Headers;
let product: Product;
const bus = new EventBridgeClient({ region: local.region, endpoint: local.eventBusEndpoint, credentials: testCredentials });

beforeAll(async () => {
  const admin = { authorization: await idTokenOf(local, 'admin') };
  warehouse = (await createStoreUser(local, 'mail-warehouse', ['warehouse'])).headers;
  delivery = (await createStoreUser(local, 'mail-delivery', ['delivery'])).headers;
  product = await putProduct(
    local.graphqlUrl,
    admin,
    productInput({ productId: uniqueId('mail'), name: 'Walnut Desk Lamp', price: 2500, stock: 100 }),
  );
});
afterAll(() => bus.destroy());

/** The emails sent to `address` so far, in arrival order. */
async function mailTo(address: string): Promise<MailboxEmail[]> {
  return (await listEmails(local.mailboxUrl)).filter((email) => email.to.some((to) => to.address === address));
}
/** A subject with its invoice number as `INV`: the number depends on the invoices issued before. */
const withoutNumber = (subject: string) => subject.replace(/INV-\d{4}-\d{6}/u, 'INV');
const subjects = async (address: string) => (await mailTo(address)).map((email) => email.subject);

async function placeCardOrder(shopper: StoreUser): Promise<{ orderId: string; total: number }> {
  const products = [{ productId: product.productId, quantity: 2 }];
  const deliveryPrice = await deliveryPricing(local, shopper.headers, products);
  const total = product.price * 2 + deliveryPrice;
  const paymentToken = await preauthorize(local, total);
  const response = await postGraphQL<{ createOrder: CreateOrderResponse }>(
    local.graphqlUrl,
    'mutation ($order: CreateOrderRequest!) { createOrder(order: $order) { success errors { code message } order { orderId total } } }',
    { variables: { order: { products, address: ADDRESS, deliveryPrice, paymentToken } }, headers: shopper.headers },
  );
  expect(response.body.data!.createOrder.errors).toEqual([]);
  return { orderId: response.body.data!.createOrder.order!.orderId, total };
}

async function fulfil(orderId: string): Promise<void> {
  await fulfilOrder(local, { warehouse, delivery }, orderId);
}

async function preferences(shopper: StoreUser, orderUpdates?: boolean) {
  const query =
    orderUpdates === undefined
      ? 'query { getNotificationPreferences { orderUpdates } }'
      : 'mutation ($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { orderUpdates } }';
  return postGraphQL<{
    getNotificationPreferences?: NotificationPreferences;
    updateNotificationPreferences?: NotificationPreferences;
  }>(local.graphqlUrl, query, {
    variables: orderUpdates === undefined ? {} : { input: { orderUpdates } },
    headers: shopper.headers,
  });
}

describe('what the customer receives', () => {
  it('a confirmation, the status emails and the invoice with its PDF; redelivered events send nothing again', async () => {
    const shopper = await createStoreUser(local, 'mail-shopper');
    const { orderId, total } = await placeCardOrder(shopper);
    await expect.poll(() => subjects(shopper.username), SENT).toEqual([`Order ${orderId} confirmed`]);
    const [confirmation] = await mailTo(shopper.username);
    expect(confirmation?.text).toContain(`2 × Walnut Desk Lamp at EUR 25.00: EUR 50.00`);
    expect(confirmation?.text).toContain(`Total: EUR ${(total / 100).toFixed(2)}`);
    expect(confirmation?.html).toContain(`http://localhost:3000/orders/${orderId}`);

    await fulfil(orderId);
    await expect
      .poll(async () => (await subjects(shopper.username)).map(withoutNumber).sort(), SENT)
      .toEqual(
        [
          `Order ${orderId} confirmed`,
          `Order ${orderId} is on its way`,
          `Order ${orderId} delivered`,
          `Invoice INV for order ${orderId}`,
        ].sort(),
      );
    const invoiceEmail = (await mailTo(shopper.username)).find((email) => email.subject.startsWith('Invoice'))!;
    const number = /INV-\d{4}-\d{6}/.exec(invoiceEmail.subject)![0];
    const [attachment, ...others] = invoiceEmail.attachments;
    expect(others).toEqual([]);
    expect(attachment).toMatchObject({ filename: `${number}.pdf`, contentType: 'application/pdf' });
    const text = pdfText(await attachmentOf(local.mailboxUrl, invoiceEmail.id, attachment!.generatedFileName));
    expect(text).toEqual(expect.arrayContaining([`Number: ${number}`, 'Walnut Desk Lamp']));
    expect(text.join('|')).toContain(`EUR ${(total / 100).toFixed(2)}`);

    // The bus delivers again: the capture (→ the invoice), the delivery, the confirmation, three times each.
    const events = await eventsOfOrder(local, orderId);
    const again = [
      events.find((e) => e['detail-type'] === 'PaymentCaptured')!,
      events.find((e) => e['detail-type'] === 'OrderStatusChanged' && e.detail['status'] === 'FULFILLED')!,
      events.find((e) => e['detail-type'] === 'OrderCreated')!,
    ];
    expect(again.every(Boolean)).toBe(true);
    const entries = again.flatMap((event) =>
      Array.from({ length: 3 }, () => ({
        EventBusName: 'commerce',
        Source: event.source,
        DetailType: event['detail-type'],
        Detail: JSON.stringify(event.detail),
      })),
    );
    expect((await bus.send(new PutEventsCommand({ Entries: entries }))).FailedEntryCount).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    expect(await mailTo(shopper.username)).toHaveLength(4);
  });

  it('without order updates: the confirmation and the invoice only', async () => {
    const shopper = await createStoreUser(local, 'mail-quiet');
    expect((await preferences(shopper)).body.data?.getNotificationPreferences).toEqual({ orderUpdates: true });
    expect((await preferences(shopper, false)).body.data?.updateNotificationPreferences).toEqual({ orderUpdates: false });
    expect((await preferences(shopper)).body.data?.getNotificationPreferences).toEqual({ orderUpdates: false });

    const { orderId } = await placeCardOrder(shopper);
    await fulfil(orderId);
    await expect
      .poll(async () => (await subjects(shopper.username)).map(withoutNumber).sort(), SENT)
      .toEqual([`Invoice INV for order ${orderId}`, `Order ${orderId} confirmed`]);
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    expect(await mailTo(shopper.username)).toHaveLength(2);
  });

  it('a credit note with its PDF for a refund, once however often the refund is told', async () => {
    const shopper = await createStoreUser(local, 'mail-refunded');
    const { orderId } = await placeCardOrder(shopper);
    await fulfil(orderId);
    await expect.poll(async () => (await subjects(shopper.username)).length, SENT).toBe(4);
    const admin = { authorization: await idTokenOf(local, 'admin') };
    const refunded = await postGraphQL<{ refundOrder: { refundedAmount: number } }>(
      local.graphqlUrl,
      'mutation ($orderId: ID!) { refundOrder(orderId: $orderId, amount: 1200, reason: "Scratched", idempotencyKey: "mail-refund-1") { refundedAmount } }',
      { variables: { orderId }, headers: admin },
    );
    expect(refunded.body.errors).toBeUndefined();
    await expect
      .poll(async () => (await subjects(shopper.username)).filter((subject) => subject.startsWith('Credit note')), SENT)
      .toEqual([expect.stringMatching(new RegExp(`^Credit note CN-\\d{4}-\\d{6} for order ${orderId}$`))]);
    const note = (await mailTo(shopper.username)).find((email) => email.subject.startsWith('Credit note'))!;
    const number = /CN-\d{4}-\d{6}/.exec(note.subject)![0];
    const text = pdfText(await attachmentOf(local.mailboxUrl, note.id, note.attachments[0]!.generatedFileName));
    expect(text).toEqual(expect.arrayContaining([`Number: ${number}`]));
    expect(text.join('|')).toContain('EUR 12.00');

    const refundEvent = (await eventsOfOrder(local, orderId)).find((e) => e['detail-type'] === 'PaymentRefunded')!;
    const entry = {
      EventBusName: 'commerce',
      Source: refundEvent.source,
      DetailType: refundEvent['detail-type'],
      Detail: JSON.stringify(refundEvent.detail),
    };
    expect((await bus.send(new PutEventsCommand({ Entries: [entry, entry] }))).FailedEntryCount).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    expect(await mailTo(shopper.username)).toHaveLength(5);
  });

  it('preferences are the signed-in customer’s own: a guest is refused', async () => {
    const guest = { 'x-api-key': local.apiKey };
    for (const query of [
      'query { getNotificationPreferences { orderUpdates } }',
      'mutation { updateNotificationPreferences(input: { orderUpdates: false }) { orderUpdates } }',
    ]) {
      const response = await postGraphQL(local.graphqlUrl, query, { headers: guest });
      expect(response.body.errors?.[0]?.errorType, query).toBe('Unauthorized');
    }
  });
});
