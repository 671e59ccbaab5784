// A gateway (Zalo Pay) checkout as a storefront runs it, on the test run's local stack: the shopper
// subscribes to their orders' status, places the order with paymentMethod GATEWAY, sees it
// AWAITING_PAYMENT, pays on the gateway's page in a real browser, and sees it NEW the moment the
// gateway's callback lands. Declined, never paid, dropped, repeated and forged callbacks too. The
// gateway simulator is reached over HTTP only, as the shopper's browser and the gateway reach it.
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBridgeEvent } from 'appsync-local/eventbridge/event.ts';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import { connectRealtime, type RealtimeConnection, userPoolHeader } from 'appsync-local/testing/realtimeClient.ts';
import type { CreateOrderResponse, Order, Payment, Product } from '../../generated/graphql.ts';
import { launchChromium } from '../support/browser.ts';
import { ADDRESS, deliveryPricing, paymentsOfOrder, stockOf } from '../support/checkout.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { type BackOffice, moveOrderThrough } from '../support/orderUpdates.ts';
import { localStack } from '../support/stack.ts';
import { type Headers, productInput, putProduct, uniqueId } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';
import { GATEWAY_TEST_TIMING } from './globalSetup.ts';

const { local, dynamodbEndpoint } = localStack();
/** A callback, or the sweep a second after, and then the bus: a few seconds at most. */
const LIVE = { timeout: 20_000, interval: 100 };
const PAYMENT = 'payment { method status amount capturedAmount refundedAmount payUrl expiresAt modifiedDate }';
const ON_MY_ORDERS = `subscription { onOrderStatusChanged { orderId status previousStatus statusReason modifiedDate } }`;

let admin: Headers;
let staff: BackOffice;
let browser: Browser;
const connections: RealtimeConnection[] = [];

beforeAll(async () => {
  admin = { authorization: await idTokenOf(local, 'admin') };
  const [warehouse, delivery] = await Promise.all([
    createStoreUser(local, 'gateway-warehouse', ['warehouse']),
    createStoreUser(local, 'gateway-delivery', ['delivery']),
  ]);
  staff = { warehouse: warehouse.headers, delivery: delivery.headers };
  browser = await launchChromium();
});
afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.close()));
  await browser?.close();
});

interface Shopper {
  headers: Headers;
  /** What the shopper's app receives of their orders' status, as it arrives. */
  updates(): Record<string, unknown>[];
}

/** A new shopper, subscribed to their orders' status before ordering anything. */
async function aSubscribedShopper(): Promise<Shopper> {
  const { headers } = await createStoreUser(local, 'gateway-shopper');
  const connection = await connectRealtime({
    url: local.realtimeUrl,
    header: userPoolHeader(local.graphqlUrl, headers.authorization),
  });
  connections.push(connection);
  const subscription = await connection.subscribe(ON_MY_ORDERS, {}, userPoolHeader(local.graphqlUrl, headers.authorization));
  expect(subscription.answer.type).toBe('start_ack');
  return {
    headers,
    updates: () =>
      subscription.data.map((data) => (data as { onOrderStatusChanged: Record<string, unknown> }).onOrderStatusChanged),
  };
}

async function aProduct(stock = 10): Promise<Product> {
  return putProduct(
    local.graphqlUrl,
    admin,
    productInput({ productId: uniqueId('gateway'), name: 'Gateway Lamp', price: 4000, stock }),
  );
}

/** createOrder with paymentMethod GATEWAY, as the app sends it; the answer's order and its payment. */
async function placeGatewayOrder(shopper: Shopper, product: Product, quantity = 2): Promise<Order & { payment: Payment }> {
  const products = [{ productId: product.productId, quantity }];
  const deliveryPrice = await deliveryPricing(local, shopper.headers, products);
  const response = await postGraphQL<{ createOrder: CreateOrderResponse }>(
    local.graphqlUrl,
    `mutation ($order: CreateOrderRequest!, $key: String) {
      createOrder(order: $order, idempotencyKey: $key) { success errors { code message } order { orderId status statusReason total ${PAYMENT} } }
    }`,
    {
      variables: { order: { products, address: ADDRESS, deliveryPrice, paymentMethod: 'GATEWAY' }, key: uniqueId('k') },
      headers: shopper.headers,
    },
  );
  expect(response.body.errors).toBeUndefined();
  expect(response.body.data!.createOrder.errors).toEqual([]);
  return response.body.data!.createOrder.order as Order & { payment: Payment };
}

async function orderNow(caller: Headers, orderId: string) {
  const response = await postGraphQL<{ getOrder: (Order & { payment: Payment }) | null }>(
    local.graphqlUrl,
    `query ($id: ID!) { getOrder(orderId: $id) { orderId status statusReason ${PAYMENT} } }`,
    { variables: { id: orderId }, headers: caller },
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.getOrder!;
}

/** What the gateway's page's buttons post, as a browser's form does (the fault switch in the query string). */
async function submitPayPage(payUrl: string, action: 'pay' | 'decline', callback?: string): Promise<void> {
  const url = new URL(payUrl);
  if (callback) url.searchParams.set('callback', callback);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action, ...(callback ? { callback } : {}) }).toString(),
  });
  expect(response.status).toBe(200);
}

interface GatewayOrderView {
  appTransId: string;
  callbackUrl: string;
  callbacks: { returnCode?: number; macValid: boolean }[];
}

/** The simulator's record of the order behind a pay page, with its callback attempts (its admin API). */
async function gatewayOrderOf(payUrl: string): Promise<GatewayOrderView> {
  const token = new URL(payUrl).pathname.split('/').pop()!;
  const response = await fetch(new URL(`/admin/gateway/pay/${token}`, local.paymentProviderUrl));
  expect(response.status).toBe(200);
  return ((await response.json()) as { order: GatewayOrderView }).order;
}

async function eventsOf(orderId: string): Promise<EventBridgeEvent[]> {
  const events = (await (await fetch(new URL('/events', local.eventBusEndpoint))).json()) as EventBridgeEvent[];
  return events.filter((event) => event.detail['orderId'] === orderId);
}

const transitions = (updates: Record<string, unknown>[], orderId: string) =>
  updates
    .filter((update) => update.orderId === orderId)
    .sort((a, b) => String(a.modifiedDate).localeCompare(String(b.modifiedDate)))
    .map(({ status, previousStatus, statusReason }) => ({ status, previousStatus, statusReason }));

describe('gateway checkout', () => {
  it('pays in the browser: AWAITING_PAYMENT, then NEW live, the payment CAPTURED, and fulfilled like any order', async () => {
    const shopper = await aSubscribedShopper();
    const product = await aProduct();
    const page = await browser.newPage();
    try {
      const order = await placeGatewayOrder(shopper, product);
      expect(order.status).toBe('AWAITING_PAYMENT');
      expect(order.payment).toMatchObject({ method: 'GATEWAY', status: 'PENDING', amount: order.total, capturedAmount: 0 });
      expect(order.payment.payUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\//);
      expect(Date.parse(order.payment.expiresAt!)).toBeGreaterThan(Date.now());
      await expect
        .poll(() => transitions(shopper.updates(), order.orderId), LIVE)
        .toEqual([{ status: 'AWAITING_PAYMENT', previousStatus: null, statusReason: null }]);
      expect(await stockOf(local, product.productId)).toBe(8);

      await page.goto(order.payment.payUrl!);
      expect(await page.textContent('body')).toContain('Gateway Lamp');
      await page.click('#pay');
      await page.waitForSelector('text=Paid');

      await expect
        .poll(() => transitions(shopper.updates(), order.orderId), LIVE)
        .toEqual([
          { status: 'AWAITING_PAYMENT', previousStatus: null, statusReason: null },
          { status: 'NEW', previousStatus: 'AWAITING_PAYMENT', statusReason: null },
        ]);
      // The gateway's callback moved it, not the sweep standing in for a lost one.
      expect(await paymentsOfOrder(dynamodbEndpoint, order.orderId)).toEqual([
        expect.objectContaining({ status: 'CAPTURED', settledBy: 'callback' }),
      ]);
      const paid = await orderNow(shopper.headers, order.orderId);
      expect(paid.payment).toMatchObject({
        method: 'GATEWAY',
        status: 'CAPTURED',
        amount: order.total,
        capturedAmount: order.total,
        payUrl: null,
      });

      await moveOrderThrough(local, staff, order.orderId);
      const fulfilled = await orderNow(admin, order.orderId);
      expect(fulfilled.status).toBe('FULFILLED');
      await expect.poll(async () => (await orderNow(admin, order.orderId)).payment.status, LIVE).toBe('CAPTURED');
      expect(await stockOf(local, product.productId)).toBe(8);
    } finally {
      await page.close();
    }
  });

  it('cancels the order with PAYMENT_FAILED when the shopper declines, live, and puts the stock back', async () => {
    const shopper = await aSubscribedShopper();
    const product = await aProduct();
    const order = await placeGatewayOrder(shopper, product);
    const page = await browser.newPage();
    try {
      await page.goto(order.payment.payUrl!);
      await page.click('#decline');
      await page.waitForSelector('text=Declined');
    } finally {
      await page.close();
    }
    await expect
      .poll(() => transitions(shopper.updates(), order.orderId).at(-1), LIVE)
      .toEqual({
        status: 'CANCELLED',
        previousStatus: 'AWAITING_PAYMENT',
        statusReason: 'PAYMENT_FAILED',
      });
    expect(await orderNow(shopper.headers, order.orderId)).toMatchObject({
      status: 'CANCELLED',
      statusReason: 'PAYMENT_FAILED',
      payment: { status: 'FAILED', capturedAmount: 0 },
    });
    await expect.poll(async () => await stockOf(local, product.productId), LIVE).toBe(10);
  });

  it('cancels the order with PAYMENT_EXPIRED when it is never paid, and puts the stock back', async () => {
    const shopper = await aSubscribedShopper();
    const product = await aProduct();
    const order = await placeGatewayOrder(shopper, product);
    await expect
      .poll(() => transitions(shopper.updates(), order.orderId).at(-1), {
        ...LIVE,
        timeout: GATEWAY_TEST_TIMING.paymentTtlSeconds * 1000 + LIVE.timeout,
      })
      .toEqual({ status: 'CANCELLED', previousStatus: 'AWAITING_PAYMENT', statusReason: 'PAYMENT_EXPIRED' });
    expect((await orderNow(shopper.headers, order.orderId)).payment).toMatchObject({ status: 'EXPIRED', payUrl: null });
    await expect.poll(async () => await stockOf(local, product.productId), LIVE).toBe(10);
    // The page no longer takes the payment.
    const pageHtml = await (await fetch(order.payment.payUrl!)).text();
    expect(pageHtml).not.toContain('id="pay"');
  });

  it('still moves the order when the callback is dropped: the sweep asks the gateway', async () => {
    const shopper = await aSubscribedShopper();
    const order = await placeGatewayOrder(shopper, await aProduct());
    await submitPayPage(order.payment.payUrl!, 'pay', 'drop');
    await expect.poll(() => transitions(shopper.updates(), order.orderId).at(-1), LIVE).toMatchObject({ status: 'NEW' });
    expect((await orderNow(shopper.headers, order.orderId)).payment.status).toBe('CAPTURED');
    expect(await paymentsOfOrder(dynamodbEndpoint, order.orderId)).toEqual([expect.objectContaining({ settledBy: 'sweep' })]);
    expect((await gatewayOrderOf(order.payment.payUrl!)).callbacks).toEqual([]);
  });

  it('takes one step and tells it once when the callback is sent five times at once', async () => {
    const shopper = await aSubscribedShopper();
    const order = await placeGatewayOrder(shopper, await aProduct());
    await submitPayPage(order.payment.payUrl!, 'pay', 'times:5');
    await expect.poll(() => transitions(shopper.updates(), order.orderId).at(-1), LIVE).toMatchObject({ status: 'NEW' });
    expect(await paymentsOfOrder(dynamodbEndpoint, order.orderId)).toEqual([expect.objectContaining({ settledBy: 'callback' })]);
    await expect
      .poll(async () => (await gatewayOrderOf(order.payment.payUrl!)).callbacks.map((attempt) => attempt.returnCode), LIVE)
      .toEqual([1, 1, 1, 1, 1]);
    const events = await eventsOf(order.orderId);
    expect(events.filter((event) => event['detail-type'] === 'PaymentSucceeded')).toHaveLength(1);
    expect(
      events.filter((event) => event['detail-type'] === 'OrderStatusChanged' && event.detail['status'] === 'NEW'),
    ).toHaveLength(1);
    expect(transitions(shopper.updates(), order.orderId).filter((update) => update.status === 'NEW')).toHaveLength(1);
  });

  it('refuses a forged callback (bad MAC): nothing moves', async () => {
    const shopper = await aSubscribedShopper();
    const order = await placeGatewayOrder(shopper, await aProduct());
    const { appTransId, callbackUrl } = await gatewayOrderOf(order.payment.payUrl!);
    const data = JSON.stringify({
      app_id: 2553,
      app_trans_id: appTransId,
      app_time: Date.now(),
      app_user: 'someone',
      amount: order.total,
      embed_data: JSON.stringify({ orderId: order.orderId }),
      item: '[]',
      zp_trans_id: 1,
      server_time: Date.now(),
      channel: 38,
      merchant_user_id: 'x',
      user_fee_amount: 0,
      discount_amount: 0,
    });
    const answer = await fetch(callbackUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data, mac: 'f'.repeat(64), type: 1 }),
    });
    expect(await answer.json()).toEqual({ return_code: -1, return_message: 'mac not equal' });
    // Past the sweep's grace: the gateway says unpaid, and nothing has moved.
    await new Promise((resolve) => setTimeout(resolve, (GATEWAY_TEST_TIMING.sweepGraceSeconds + 2) * 1000));
    expect(await orderNow(shopper.headers, order.orderId)).toMatchObject({
      status: 'AWAITING_PAYMENT',
      payment: { status: 'PENDING' },
    });
  });

  it('refuses GATEWAY with a payment token, and CARD without one, as INVALID_INPUT', async () => {
    const shopper = await aSubscribedShopper();
    const product = await aProduct();
    const products = [{ productId: product.productId, quantity: 1 }];
    const deliveryPrice = await deliveryPricing(local, shopper.headers, products);
    for (const payment of [{ paymentMethod: 'GATEWAY', paymentToken: 'pt_x' }, { paymentMethod: 'CARD' }]) {
      const response = await postGraphQL<{ createOrder: CreateOrderResponse }>(
        local.graphqlUrl,
        'mutation ($order: CreateOrderRequest!) { createOrder(order: $order) { success errors { code message } order { orderId } } }',
        { variables: { order: { products, address: ADDRESS, deliveryPrice, ...payment } }, headers: shopper.headers },
      );
      expect(response.body.data!.createOrder).toMatchObject({
        success: false,
        order: null,
        errors: [{ code: 'INVALID_INPUT', message: expect.stringMatching(/paymentToken/) }],
      });
    }
    expect(await stockOf(local, product.productId)).toBe(10);
  });
});
