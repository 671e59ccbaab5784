// Checkout under the conditions production brings every day, through GraphQL on the test run's
// local stack: many shoppers after the last units, retries of one request, events delivered twice
// and out of order, and shoppers poking at each other's orders.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { beforeAll, describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import type { Order, Product } from '../../generated/graphql.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import {
  type BusEvent,
  createOrder,
  deliveryPricing,
  eventsOfOrder,
  getOrder,
  moveOrder,
  paymentsOfOrder,
  placeOrder,
  preauthorize,
  providerPayment,
  stockOf,
} from '../support/checkout.ts';
import { productInput, putProduct, storeClient, uniqueId, type Headers } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';

const { local, dynamodbEndpoint, paymentProviderSecretKey: providerKey, testCredentials } = localStack();
const graphql = storeClient(local.graphqlUrl);
const SETTLED = { timeout: 20_000, interval: 100 };

let admin: Headers;

beforeAll(async () => {
  admin = { authorization: await idTokenOf(local, 'admin') };
});

async function aProduct(stock: number): Promise<Product> {
  return putProduct(
    local.graphqlUrl,
    admin,
    productInput({
      productId: uniqueId('reliable'),
      price: 1500,
      stock,
      package: { width: 100, length: 100, height: 100, weight: 100 },
    }),
  );
}

async function ordersOf(shopper: Headers): Promise<Order[]> {
  const response = await graphql<{ getOrders: { orders: Order[] } }>(
    'query { getOrders(limit: 100) { orders { orderId status } } }',
    {},
    shopper,
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.getOrders.orders;
}

describe('contention for the last units', () => {
  it('sells exactly the 10 units in stock to 100 concurrent checkouts, never going below 0', async () => {
    const product = await aProduct(10);
    const shoppers = await Promise.all(Array.from({ length: 10 }, (_, i) => createStoreUser(local, `rush-${i}`)));
    const line = [{ productId: product.productId, quantity: 1 }];
    const deliveryPrice = await deliveryPricing(local, shoppers[0]!.headers, line);
    const tokens = await Promise.all(Array.from({ length: 100 }, () => preauthorize(local, product.price + deliveryPrice)));

    const responses = await Promise.all(
      tokens.map((paymentToken, i) =>
        createOrder(local, shoppers[i % shoppers.length]!.headers, { products: line, deliveryPrice, paymentToken }),
      ),
    );

    const sold = responses.filter((response) => response.success);
    expect(sold).toHaveLength(10);
    for (const refused of responses.filter((response) => !response.success)) {
      expect(refused.errors.map((error) => [error.code, error.productId])).toEqual([['OUT_OF_STOCK', product.productId]]);
    }
    expect(await stockOf(local, product.productId)).toBe(0);
    const placed = (await Promise.all(shoppers.map((shopper) => ordersOf(shopper.headers)))).flat();
    expect(placed.map((order) => order.orderId).sort()).toEqual(sold.map((response) => response.order!.orderId).sort());

    // Only the sold orders hold a payment; the refused ones let go of their tokens.
    const payments = await Promise.all(sold.map((response) => paymentsOfOrder(dynamodbEndpoint, response.order!.orderId)));
    expect(payments.map((records) => records.map((record) => record.status))).toEqual(sold.map(() => ['AUTHORIZED']));
  });
});

describe('retries of one checkout', () => {
  it('answers 20 concurrent retries with one idempotency key with one order and one reservation', async () => {
    const shopper = (await createStoreUser(local, 'retrying')).headers;
    const product = await aProduct(5);
    await graphql(
      'mutation ($id: ID!) { addToCart(productId: $id, quantity: 2) { subtotal } }',
      { id: product.productId },
      shopper,
    );
    const deliveryPrice = await deliveryPricing(local, shopper, [{ productId: product.productId, quantity: 2 }]);
    const paymentToken = await preauthorize(local, product.price * 2 + deliveryPrice);
    const key = uniqueId('checkout');

    const responses = await Promise.all(
      Array.from({ length: 20 }, () => placeOrder(local, shopper, { deliveryPrice, paymentToken }, key)),
    );

    expect(responses.map((response) => [response.success, response.errors])).toEqual(responses.map(() => [true, []]));
    const orderIds = new Set(responses.map((response) => response.order!.orderId));
    expect(orderIds.size).toBe(1);
    const [orderId] = orderIds;
    expect(await stockOf(local, product.productId)).toBe(3);
    expect((await ordersOf(shopper)).map((order) => order.orderId)).toEqual([orderId]);
    expect(await paymentsOfOrder(dynamodbEndpoint, orderId!)).toHaveLength(1);

    // A retry long after, with the cart already empty, still answers the same order.
    const later = await placeOrder(local, shopper, { deliveryPrice, paymentToken }, key);
    expect(later.order!.orderId).toBe(orderId);
  });
});

describe('events delivered twice and out of order', () => {
  it('keeps the final status, returns the stock once and releases the payment once', async () => {
    const shopper = (await createStoreUser(local, 'late-events')).headers;
    const warehouse = (await createStoreUser(local, 'late-events-warehouse', ['warehouse'])).headers;
    const product = await aProduct(5);
    const line = [{ productId: product.productId, quantity: 3 }];
    const deliveryPrice = await deliveryPricing(local, shopper, line);
    const paymentToken = await preauthorize(local, product.price * 3 + deliveryPrice);
    const placed = await createOrder(local, shopper, { products: line, deliveryPrice, paymentToken });
    expect(placed.success).toBe(true);
    const { orderId } = placed.order!;
    for (const mutation of ['startPackaging', 'failPackaging']) {
      expect((await moveOrder(local, warehouse, mutation, orderId)).body.errors).toBeUndefined();
    }
    await expect.poll(() => stockOf(local, product.productId), SETTLED).toBe(5);
    await expect.poll(async () => (await paymentsOfOrder(dynamodbEndpoint, orderId))[0]?.status, SETTLED).toBe('RELEASED');
    await expect.poll(async () => statusEvents(await eventsOfOrder(local, orderId)).length, SETTLED).toBe(2);

    // Redeliver the order's status events: the failure twice, then the older one after it.
    const [packaging, failed] = statusEvents(await eventsOfOrder(local, orderId));
    expect([packaging!.detail['status'], failed!.detail['status']]).toEqual(['PACKAGING', 'PACKAGING_FAILED']);
    const client = new EventBridgeClient({
      region: local.region,
      endpoint: local.eventBusEndpoint,
      credentials: testCredentials,
    });
    const sent = await client.send(new PutEventsCommand({ Entries: [failed!, failed!, packaging!].map(toEntry) }));
    client.destroy();
    expect(sent.FailedEntryCount).toBe(0);
    const redelivered = sent.Entries!.map((entry) => entry.EventId!);

    // Both consumers (payment and stock) have had both copies of the failure (and the
    // order-status publisher and the customer's emails every copy: subscribers see what was
    // sent; the emails' own ledger keeps them to one each).
    await expect
      .poll(
        async () =>
          (await deliveriesOf(redelivered))
            .map((d) => d.target.id)
            .filter((id) => id.startsWith('payment-') || id.startsWith('products-'))
            .sort(),
        SETTLED,
      )
      .toEqual(['payment-settle', 'payment-settle', 'products-return-stock', 'products-return-stock']);
    expect(await stockOf(local, product.productId)).toBe(5);
    expect((await getOrder(local, shopper, orderId))!.status).toBe('PACKAGING_FAILED');
    expect(await paymentsOfOrder(dynamodbEndpoint, orderId)).toMatchObject([{ status: 'RELEASED' }]);
    expect(await providerPayment(local, providerKey, paymentToken)).toMatchObject({ status: 'CANCELLED', capturedAmount: 0 });
    const deadLetters = (await (await fetch(new URL('/dead-letters', local.eventBusEndpoint))).json()) as {
      event: { id: string };
    }[];
    expect(deadLetters.filter((letter) => redelivered.includes(letter.event.id))).toEqual([]);
  });
});

describe("another customer's orders", () => {
  it('are invisible to a customer and cannot be cancelled by one', async () => {
    const owner = (await createStoreUser(local, 'owner')).headers;
    const stranger = (await createStoreUser(local, 'stranger')).headers;
    const product = await aProduct(2);
    const line = [{ productId: product.productId, quantity: 1 }];
    const deliveryPrice = await deliveryPricing(local, owner, line);
    const placed = await createOrder(local, owner, {
      products: line,
      deliveryPrice,
      paymentToken: await preauthorize(local, product.price + deliveryPrice),
    });
    const { orderId } = placed.order!;

    expect(await getOrder(local, stranger, orderId)).toBeNull();
    expect(await ordersOf(stranger)).toEqual([]);
    const cancelled = await moveOrder(local, stranger, 'cancelOrder', orderId);
    expect(cancelled.body.data).toEqual({ cancelOrder: null });
    expect(cancelled.body.errors?.[0]?.errorType).toBe('NotFound');

    expect((await getOrder(local, owner, orderId))!.status).toBe('NEW');
    expect(await stockOf(local, product.productId)).toBe(1);
  });
});

function statusEvents(events: BusEvent[]): BusEvent[] {
  return events.filter((event) => event['detail-type'] === 'OrderStatusChanged');
}

function toEntry(event: BusEvent) {
  return {
    EventBusName: 'commerce',
    Source: event.source,
    DetailType: event['detail-type'],
    Detail: JSON.stringify(event.detail),
  };
}

async function deliveriesOf(eventIds: string[]): Promise<{ eventId: string; target: { id: string } }[]> {
  const deliveries = (await (await fetch(new URL('/deliveries', local.eventBusEndpoint))).json()) as {
    eventId: string;
    target: { id: string };
  }[];
  return deliveries.filter((delivery) => eventIds.includes(delivery.eventId));
}
