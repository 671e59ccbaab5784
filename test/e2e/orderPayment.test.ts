// Order.payment as clients read it: the payment backend's view of an order's payment, to the
// order's owner and admin only, on getOrder, getOrders (one call to the backend per page), the
// checkout's answer and the back office's, and as it moves from AUTHORIZED to CAPTURED or
// RELEASED with the order.
import { beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import type { CreateOrderResponse, Order, Payment, Product } from '../../generated/graphql.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { ADDRESS, deliveryPricing, moveOrder, preauthorize } from '../support/checkout.ts';
import { localStack } from '../support/stack.ts';
import { productInput, putProduct, uniqueId, type Headers } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';

const { local } = localStack();
const SETTLED = { timeout: 15_000, interval: 100 };
const PAYMENT = 'payment { method status amount capturedAmount refundedAmount payUrl expiresAt modifiedDate }';

let admin: Headers;
let warehouse: Headers;
let delivery: Headers;
let product: Product;

beforeAll(async () => {
  admin = { authorization: await idTokenOf(local, 'admin') };
  warehouse = (await createStoreUser(local, 'payment-warehouse', ['warehouse'])).headers;
  delivery = (await createStoreUser(local, 'payment-delivery', ['delivery'])).headers;
  product = await putProduct(local.graphqlUrl, admin, productInput({ productId: uniqueId('payment'), price: 2500, stock: 100 }));
});

/** A fresh shopper's order of one unit, placed with createOrder asking for its payment too. */
async function anOrder(shopper?: Headers): Promise<{ shopper: Headers; order: Order; total: number }> {
  const caller = shopper ?? (await createStoreUser(local, 'payment-shopper')).headers;
  const products = [{ productId: product.productId, quantity: 1 }];
  const deliveryPrice = await deliveryPricing(local, caller, products);
  const total = product.price + deliveryPrice;
  const paymentToken = await preauthorize(local, total);
  const response = await postGraphQL<{ createOrder: CreateOrderResponse }>(
    local.graphqlUrl,
    `mutation ($order: CreateOrderRequest!) { createOrder(order: $order) { success errors { code message } order { orderId userId status total ${PAYMENT} } } }`,
    { variables: { order: { products, address: ADDRESS, deliveryPrice, paymentToken } }, headers: caller },
  );
  expect(response.body.errors).toBeUndefined();
  expect(response.body.data!.createOrder.errors).toEqual([]);
  return { shopper: caller, order: response.body.data!.createOrder.order!, total };
}

async function paymentOf(caller: Headers, orderId: string) {
  return postGraphQL<{ getOrder: { orderId: string; payment: Payment | null } | null }>(
    local.graphqlUrl,
    `query ($id: ID!) { getOrder(orderId: $id) { orderId ${PAYMENT} } }`,
    { variables: { id: orderId }, headers: caller },
  );
}

describe('Order.payment', () => {
  it('shows the owner the card payment held for the order, from the checkout’s answer on', async () => {
    const { shopper, order, total } = await anOrder();
    const expected = {
      method: 'CARD',
      status: 'AUTHORIZED',
      amount: total,
      capturedAmount: 0,
      refundedAmount: 0,
      payUrl: null,
      expiresAt: null,
      modifiedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    };
    expect(order.payment).toEqual(expected);
    const read = await paymentOf(shopper, order.orderId);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data!.getOrder!.payment).toEqual(expected);
    expect(JSON.stringify(read.body)).not.toMatch(/paymentToken|pt_/);
  });

  it('shows admin any order’s payment', async () => {
    const { order, total } = await anOrder();
    const read = await paymentOf(admin, order.orderId);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data!.getOrder!.payment).toMatchObject({ status: 'AUTHORIZED', amount: total });
  });

  it('answers the back office’s steps without the payment: null and Unauthorized, the step itself done', async () => {
    const { order } = await anOrder();
    const moved = await postGraphQL<{ startPackaging: { orderId: string; status: string; payment: Payment | null } | null }>(
      local.graphqlUrl,
      `mutation ($id: ID!) { startPackaging(orderId: $id) { orderId status payment { status amount } } }`,
      { variables: { id: order.orderId }, headers: warehouse },
    );
    expect(moved.body.data!.startPackaging).toEqual({ orderId: order.orderId, status: 'PACKAGING', payment: null });
    expect(moved.body.errors).toEqual([
      expect.objectContaining({ path: ['startPackaging', 'payment'], errorType: 'Unauthorized' }),
    ]);
  });

  it('answers a page of getOrders with each order’s payment', async () => {
    const first = await anOrder();
    const second = await anOrder(first.shopper);
    const page = await postGraphQL<{ getOrders: { orders: { orderId: string; payment: Payment | null }[] } }>(
      local.graphqlUrl,
      `query { getOrders(limit: 10) { orders { orderId payment { status amount } } nextToken } }`,
      { headers: first.shopper },
    );
    expect(page.body.errors).toBeUndefined();
    expect(page.body.data!.getOrders.orders).toEqual([
      { orderId: second.order.orderId, payment: { status: 'AUTHORIZED', amount: second.total } },
      { orderId: first.order.orderId, payment: { status: 'AUTHORIZED', amount: first.total } },
    ]);
  });

  it('shows the payment CAPTURED once the order is fulfilled, and RELEASED once cancelled', async () => {
    const fulfilled = await anOrder();
    for (const [caller, mutation] of [
      [warehouse, 'startPackaging'],
      [warehouse, 'completePackaging'],
      [delivery, 'startDelivery'],
      [delivery, 'completeDelivery'],
    ] as const) {
      expect((await moveOrder(local, caller, mutation, fulfilled.order.orderId)).body.errors, mutation).toBeUndefined();
    }
    await expect
      .poll(async () => (await paymentOf(fulfilled.shopper, fulfilled.order.orderId)).body.data!.getOrder!.payment, SETTLED)
      .toMatchObject({ status: 'CAPTURED', amount: fulfilled.total, capturedAmount: fulfilled.total });

    const cancelled = await anOrder();
    expect((await moveOrder(local, cancelled.shopper, 'cancelOrder', cancelled.order.orderId)).body.errors).toBeUndefined();
    await expect
      .poll(async () => (await paymentOf(cancelled.shopper, cancelled.order.orderId)).body.data!.getOrder!.payment, SETTLED)
      .toMatchObject({ status: 'RELEASED', amount: cancelled.total, capturedAmount: 0 });
  });
});
