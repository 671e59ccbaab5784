// The team's alerts through the running stack: the local SNS's topics, each emailed to the local
// team address (custom.local.alertEmail) in the local mailbox, as `alertEmail` subscribes them on
// AWS. Every order placed is told on order-alerts; money taken for an order that does not exist
// is told on order-errors (and no invoice is issued).
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { listEmails, type MailboxEmail } from 'appsync-local/mail/index.ts';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import type { CreateOrderResponse } from '../../generated/graphql.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { ADDRESS, deliveryPricing, preauthorize } from '../support/checkout.ts';
import { localStack } from '../support/stack.ts';
import { productInput, putProduct, uniqueId } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';

const { local, testCredentials } = localStack();
const SENT = { timeout: 20_000, interval: 250 };
const bus = new EventBridgeClient({ region: local.region, endpoint: local.eventBusEndpoint, credentials: testCredentials });
afterAll(() => bus.destroy());

async function alertsAbout(text: string): Promise<MailboxEmail[]> {
  return (await listEmails(local.mailboxUrl)).filter(
    (email) => email.to.some((to) => to.address === local.alertEmail) && `${email.subject}\n${email.text}`.includes(text),
  );
}

describe('team alerts', () => {
  it('tell of every order placed on order-alerts, with its lines and total', async () => {
    const admin = { authorization: await idTokenOf(local, 'admin') };
    const product = await putProduct(
      local.graphqlUrl,
      admin,
      productInput({ productId: uniqueId('alerted'), name: 'Alerted Lamp', price: 3000, stock: 5 }),
    );
    const shopper = (await createStoreUser(local, 'alerted-shopper')).headers;
    const products = [{ productId: product.productId, quantity: 2 }];
    const deliveryPrice = await deliveryPricing(local, shopper, products);
    const paymentToken = await preauthorize(local, 6000 + deliveryPrice);
    const response = await postGraphQL<{ createOrder: CreateOrderResponse }>(
      local.graphqlUrl,
      'mutation ($order: CreateOrderRequest!) { createOrder(order: $order) { order { orderId } } }',
      { variables: { order: { products, address: ADDRESS, deliveryPrice, paymentToken } }, headers: shopper },
    );
    const { orderId } = response.body.data!.createOrder.order!;

    await expect.poll(async () => (await alertsAbout(orderId)).length, SENT).toBe(1);
    const [alert] = await alertsAbout(orderId);
    expect(alert?.subject).toMatch(new RegExp(`^Order placed: ${orderId}, EUR \\d+\\.\\d{2}, 2 items$`));
    expect(alert?.from[0]?.address).toBe('no-reply@sns.amazonaws.com');
    expect(alert?.text).toContain(`2 × Alerted Lamp (${product.productId}) at EUR 30.00`);
    expect(alert?.text).not.toContain(paymentToken);
  });

  it('tell of money taken for an order that does not exist on order-errors; no invoice is issued', async () => {
    const orderId = `ghost-${randomUUID()}`;
    const sent = await bus.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'commerce',
            Source: 'ecommerce.payment',
            DetailType: 'PaymentCaptured',
            Detail: JSON.stringify({ orderId, userId: 'user-ghost', amount: 4200 }),
          },
        ],
      }),
    );
    expect(sent.FailedEntryCount).toBe(0);
    await expect
      .poll(async () => (await alertsAbout(orderId)).map((email) => email.subject), SENT)
      .toEqual([`Money taken for unknown order ${orderId}: no invoice issued`]);
    const messages = (await (await fetch(new URL('/messages?topic=order-errors', local.snsEndpoint))).json()) as {
      subject: string;
    }[];
    expect(messages.map((message) => message.subject)).toContain(`Money taken for unknown order ${orderId}: no invoice issued`);
  });
});
