// A compensation that fails is told to the team: checkout claims a payment, cannot write the order
// (the stock went to another shopper), and giving the payment up fails too. The orders service
// publishes to the order-errors topic of a local SNS, whose email subscription delivers into a
// real mail server, as the local stack wires it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEmails } from 'appsync-local/mail/index.ts';
import { type CheckoutWorld, startCheckoutWorld, SWEDISH_ADDRESS } from '../../../../support/backend-services/checkoutWorld.ts';
import { aProduct } from '../../../../support/backend-services/products.ts';
import { startTeamAlerts, TEAM_EMAIL as TEAM, type TeamAlerts } from '../../../../support/teamAlerts.ts';
const uniqueId = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

let alerts: TeamAlerts;
let world: CheckoutWorld | undefined;

beforeAll(async () => {
  alerts = await startTeamAlerts({
    topics: ['order-errors'],
    // The orders service signs with a role of the world's own, made below.
    principals: (accessKeyId) => world?.iam.principals(accessKeyId),
  });
  const { sns } = alerts;
  // Read by the orders service's config when the world loads it.
  process.env.SNS_ENDPOINT = sns.endpoint;
  process.env.ORDER_ERRORS_TOPIC_ARN = sns.topicArn('order-errors');
  world = await startCheckoutWorld();
});

afterAll(async () => {
  delete process.env.SNS_ENDPOINT;
  delete process.env.ORDER_ERRORS_TOPIC_ARN;
  await world?.close();
  await alerts?.close();
});

describe('a failed compensation', () => {
  it('reaches the team on order-errors, naming the unplaced order and no payment token', async () => {
    const lamp = aProduct(uniqueId('last-lamp'), { stock: 1 });
    await world!.tables.putProducts(lamp);
    world!.payment.failVoidsWith(503);
    const bodies = Array.from({ length: 8 }, () => ({
      userId: uniqueId('shopper'),
      order: {
        products: [{ productId: lamp.productId, quantity: 1 }],
        address: SWEDISH_ADDRESS,
        deliveryPrice: 0,
        paymentToken: uniqueId('token'),
      },
    }));
    const answers = await Promise.all(bodies.map((body) => world!.createOrder(body)));
    world!.payment.failVoidsWith(undefined);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);

    // Every order refused after its payment was claimed tried to void it, and each failed void is an alert.
    const unplaced = [...new Set(world!.payment.voids.map((call) => call.orderId))];
    expect(unplaced.length).toBeGreaterThan(0);
    await alerts.sns.whenIdle();
    const emails = (await listEmails(alerts.mailbox.url)).filter((email) => email.to.some((to) => to.address === TEAM));
    for (const orderId of unplaced) {
      const alert = emails.find((email) => email.subject.includes(orderId));
      expect(alert?.subject, orderId).toBe(`Compensation failed: payment still claimed for unplaced order ${orderId}`);
      expect(alert?.text).toContain('POST /payments/void answered 503');
    }
    for (const email of emails) for (const body of bodies) expect(email.text).not.toContain(body.order.paymentToken);
    expect(alerts.sns.messages('order-errors')).toHaveLength(unplaced.length);
  });
});
