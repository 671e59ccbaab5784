// Checkout while the payment backend is down. This file runs a whole local stack of its own
// (in its own process) so that taking a service down cannot disturb any other test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEndpoints } from '../../local/outputs.ts';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { createOrder, deliveryPricing, preauthorize, stockOf } from '../support/checkout.ts';
import { productInput, putProduct, storeClient, uniqueId, type Headers } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';

let stack: LocalStack;
let local: LocalEndpoints;

beforeAll(async () => {
  stack = await startLocalStack({ ports: 'any-free' });
  local = stack.outputs.custom.local;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('checkout with the payment backend down', () => {
  it('answers SERVICE_UNAVAILABLE, creates no order and holds no stock', async () => {
    const admin: Headers = { authorization: await idTokenOf(local, 'admin') };
    const shopper = (await createStoreUser(local, 'outage')).headers;
    const product = await putProduct(
      local.graphqlUrl,
      admin,
      productInput({ productId: uniqueId('outage'), price: 2000, stock: 4 }),
    );
    const line = [{ productId: product.productId, quantity: 2 }];
    const deliveryPrice = await deliveryPricing(local, shopper, line);
    const paymentToken = await preauthorize(local, product.price * 2 + deliveryPrice);

    await stack.services.stopService('payment');
    const response = await createOrder(local, shopper, { products: line, deliveryPrice, paymentToken }, uniqueId('key'));

    expect(response.success).toBe(false);
    expect(response.order).toBeNull();
    expect(response.errors.map((error) => error.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(await stockOf(local, product.productId)).toBe(4);
    const orders = await storeClient(local.graphqlUrl)<{ getOrders: { orders: unknown[] } }>(
      'query { getOrders { orders { orderId } } }',
      {},
      shopper,
    );
    expect(orders.body.data!.getOrders.orders).toEqual([]);
    await stack.settle();
    const events = (await (await fetch(new URL('/events', local.eventBusEndpoint))).json()) as { 'detail-type': string }[];
    expect(events.filter((event) => event['detail-type'] === 'OrderCreated')).toEqual([]);
  });
});
