// Live inventory on the test run's local stack: stock moves through orders and cancels; the
// products table's stream publishes ProductStockChanged and the stock crossings; the rules'
// AppSync targets call the IAM-only publishProductStock and publishInventoryAlert; subscribers
// (the back office's alerts, a product page's stock with the API key) receive them over the
// real-time endpoint. Products are made fresh per test; stock moves through orders only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBridgeEvent } from 'appsync-local/eventbridge/event.ts';
import {
  type AuthHeader,
  connectRealtime,
  type RealtimeConnection,
  type RealtimeSubscription,
  userPoolHeader,
} from 'appsync-local/testing/realtimeClient.ts';
import type { CreateOrderResponse, InventoryAlert, Product, ProductStock } from '../../generated/graphql.ts';
import { STOCK_CROSSINGS } from '../../domain/inventory.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { createOrder, deliveryPricing, moveOrder, preauthorize, stockOf } from '../support/checkout.ts';
import { localStack } from '../support/stack.ts';
import { type Headers, productInput, putProduct, uniqueId } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';

const { local } = localStack();
/** From a stock change in the products table to subscribers: stream poll, bus, rule, publish. */
const DELIVERED = { timeout: 20_000, interval: 100 };
/** How long a subscriber is watched for an update that must not come, once the others have. */
const QUIET_MS = 1500;

const ON_INVENTORY_ALERT = 'subscription { onInventoryAlert { productId name kind stock threshold at } }';
const ON_PRODUCT_STOCK_CHANGED = `subscription ($productId: ID!) {
  onProductStockChanged(productId: $productId) { productId stock available modifiedDate }
}`;

let admin: Headers;
let shopper: Headers;
let warehouse: Headers;
const connections: RealtimeConnection[] = [];

beforeAll(async () => {
  admin = { authorization: await idTokenOf(local, 'admin') };
  [shopper, warehouse] = await Promise.all([
    createStoreUser(local, 'inventory-shopper').then((user) => user.headers),
    createStoreUser(local, 'inventory-warehouse', ['warehouse']).then((user) => user.headers),
  ]);
});

afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.close()));
});

async function connect(header: AuthHeader): Promise<RealtimeConnection> {
  const connection = await connectRealtime({ url: local.realtimeUrl, header });
  connections.push(connection);
  return connection;
}

const apiKeyHeader = (): AuthHeader => ({ 'x-api-key': local.apiKey, host: new URL(local.graphqlUrl).host });
const userHeader = (headers: Headers): AuthHeader => userPoolHeader(local.graphqlUrl, headers['authorization']!);

async function aProduct(stock: number): Promise<Product> {
  return putProduct(
    local.graphqlUrl,
    admin,
    productInput({ productId: uniqueId('inventory'), name: 'Inventory Lamp', price: 700, stock }),
  );
}

/** One order of `quantity` units by the shopper, paid by card. */
async function order(product: Product, quantity: number): Promise<CreateOrderResponse> {
  const products = [{ productId: product.productId, quantity }];
  const deliveryPrice = await deliveryPricing(local, shopper, products);
  const paymentToken = await preauthorize(local, product.price * quantity + deliveryPrice);
  return createOrder(local, shopper, { products, deliveryPrice, paymentToken });
}

async function cancel(orderId: string): Promise<void> {
  const cancelled = await moveOrder(local, shopper, 'cancelOrder', orderId);
  expect(cancelled.body.errors).toBeUndefined();
}

async function busEventsOf(productId: string): Promise<EventBridgeEvent[]> {
  const events = (await (await fetch(new URL('/events', local.eventBusEndpoint))).json()) as EventBridgeEvent[];
  return events.filter((event) => event.source === 'ecommerce.products' && event.detail['productId'] === productId);
}

function alertsOf(subscription: RealtimeSubscription, productId: string): InventoryAlert[] {
  return subscription.data
    .map((payload) => payload['onInventoryAlert'] as InventoryAlert)
    .filter((alert) => alert.productId === productId);
}

function stocksOf(subscription: RealtimeSubscription): ProductStock[] {
  return subscription.data.map((payload) => payload['onProductStockChanged'] as ProductStock);
}

const quiet = () => new Promise((resolve) => setTimeout(resolve, QUIET_MS));

describe('stock crossings', () => {
  it('publishes each crossing once under concurrent orders, on the bus and to a warehouse subscriber', async () => {
    const product = await aProduct(7);
    const alerts = await (await connect(userHeader(warehouse))).subscribe(ON_INVENTORY_ALERT);
    expect(alerts.answer.type).toBe('start_ack');

    // 7 → 0 through 10 concurrent orders of one unit: 7 are sold, the threshold (5) and 0 are crossed once each.
    const placed = await Promise.all(Array.from({ length: 10 }, () => order(product, 1)));
    const sold = placed.filter((response) => response.success);
    expect(sold).toHaveLength(7);
    expect(await stockOf(local, product.productId)).toBe(0);
    // A cancel gives one unit back: 0 → 1.
    await cancel(sold[0]!.order!.orderId);
    await expect.poll(() => stockOf(local, product.productId), DELIVERED).toBe(1);

    const crossings = Object.keys(STOCK_CROSSINGS);
    const crossingsOnBus = async () =>
      (await busEventsOf(product.productId)).filter((event) => crossings.includes(event['detail-type']));
    await expect.poll(async () => (await crossingsOnBus()).length, DELIVERED).toBe(3);
    await expect.poll(() => alertsOf(alerts, product.productId).length, DELIVERED).toBe(3);
    await quiet();

    const onBus = await crossingsOnBus();
    expect(onBus.map((event) => [event['detail-type'], event.detail]).sort()).toEqual(
      [
        [
          'ProductBackInStock',
          { productId: product.productId, name: 'Inventory Lamp', stock: 1, previousStock: 0, threshold: 5 },
        ],
        ['ProductLowStock', { productId: product.productId, name: 'Inventory Lamp', stock: 4, previousStock: 5, threshold: 5 }],
        ['ProductOutOfStock', { productId: product.productId, name: 'Inventory Lamp', stock: 0, previousStock: 1, threshold: 5 }],
      ].sort(),
    );
    const received = alertsOf(alerts, product.productId);
    expect(received.map(({ kind, stock, threshold, name }) => ({ kind, stock, threshold, name }))).toEqual(
      expect.arrayContaining([
        { kind: 'LOW_STOCK', stock: 4, threshold: 5, name: 'Inventory Lamp' },
        { kind: 'OUT_OF_STOCK', stock: 0, threshold: 5, name: 'Inventory Lamp' },
        { kind: 'BACK_IN_STOCK', stock: 1, threshold: 5, name: 'Inventory Lamp' },
      ]),
    );
    expect(received).toHaveLength(3);
    // `at` is the event's time.
    for (const alert of received) {
      const event = onBus.find(
        (candidate) => STOCK_CROSSINGS[candidate['detail-type'] as keyof typeof STOCK_CROSSINGS].kind === alert.kind,
      );
      expect(alert.at).toBe(event!.time);
    }
  }, 60_000);

  it("refuses a customer's onInventoryAlert subscription at start", async () => {
    const connection = await connect(userHeader(shopper));
    const subscription = await connection.subscribe(ON_INVENTORY_ALERT);
    expect(subscription.answer.type).toBe('error');
    expect(subscription.answer.payload?.errors?.map((error) => error.errorType)).toEqual(['Unauthorized']);
  });

  it('refuses an onInventoryAlert subscription with the API key', async () => {
    const connection = await connect(apiKeyHeader());
    const subscription = await connection.subscribe(ON_INVENTORY_ALERT);
    expect(subscription.answer.type).toBe('error');
  });
});

describe('onProductStockChanged', () => {
  it('gives a guest with the API key the stock after an order and after its cancel, and only for the product subscribed', async () => {
    const [watched, other] = await Promise.all([aProduct(10), aProduct(10)]);
    const connection = await connect(apiKeyHeader());
    // The selection leaves productId out: the filter is the server's, not the selection's.
    const stock = await connection.subscribe(
      'subscription ($productId: ID!) { onProductStockChanged(productId: $productId) { stock available } }',
      { productId: watched.productId },
    );
    const otherStock = await connection.subscribe(ON_PRODUCT_STOCK_CHANGED, { productId: other.productId });
    expect([stock.answer.type, otherStock.answer.type]).toEqual(['start_ack', 'start_ack']);

    const placed = await order(watched, 3);
    expect(placed.success).toBe(true);
    await expect.poll(() => stock.data.length, DELIVERED).toBe(1);
    expect(stock.data[0]).toEqual({ onProductStockChanged: { stock: 7, available: true } });

    await cancel(placed.order!.orderId);
    await expect.poll(() => stock.data.length, DELIVERED).toBe(2);
    expect(stock.data[1]).toEqual({ onProductStockChanged: { stock: 10, available: true } });

    // The other product's stock goes to its own subscriber, never to the watched one's.
    expect((await order(other, 10)).success).toBe(true);
    await expect.poll(() => stocksOf(otherStock).length, DELIVERED).toBe(1);
    expect(stocksOf(otherStock)[0]).toMatchObject({ productId: other.productId, stock: 0, available: false });
    await quiet();
    expect(stock.data).toHaveLength(2);
  }, 60_000);

  it('lets a signed-in shopper subscribe, and answers a start without productId as invalid', async () => {
    const product = await aProduct(2);
    const connection = await connect(userHeader(shopper));
    const stock = await connection.subscribe(ON_PRODUCT_STOCK_CHANGED, { productId: product.productId });
    expect(stock.answer.type).toBe('start_ack');
    expect((await order(product, 2)).success).toBe(true);
    await expect.poll(() => stocksOf(stock).length, DELIVERED).toBe(1);
    expect(stocksOf(stock)[0]).toMatchObject({ productId: product.productId, stock: 0, available: false });

    const missing = await connection.subscribe('subscription { onProductStockChanged { stock } }');
    expect(missing.answer.type).toBe('error');
  }, 60_000);
});
