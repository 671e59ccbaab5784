// Checkout as a real client runs it, on the test run's local stack: sign in, browse, fill the
// cart, price delivery, pre-authorise a card at the provider, placeOrder; then the warehouse and
// delivery users move the order on. At each step the test reads the order, the stock, the
// payment (provider and payment backend) and the bus.
import { beforeAll, describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import type { CreateOrderResponse, Product } from '../../generated/graphql.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import {
  ADDRESS,
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
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import { productInput, putProduct, storeClient, uniqueId, type Headers } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';

const { local, dynamodbEndpoint, paymentProviderSecretKey: providerKey } = localStack();
const graphql = storeClient(local.graphqlUrl);
const SETTLED = { timeout: 15_000, interval: 100 };

let admin: Headers;
let warehouse: Headers;
let delivery: Headers;

beforeAll(async () => {
  admin = { authorization: await idTokenOf(local, 'admin') };
  warehouse = (await createStoreUser(local, 'checkout-warehouse', ['warehouse'])).headers;
  delivery = (await createStoreUser(local, 'checkout-delivery', ['delivery'])).headers;
});

/** A product of this test alone: 100×200×300 mm, 400 g, so one box per few units. */
async function aProduct(stock: number, price = 2500): Promise<Product> {
  return putProduct(
    local.graphqlUrl,
    admin,
    productInput({
      productId: uniqueId('checkout'),
      name: 'Checkout Lamp',
      price,
      stock,
      package: { width: 100, length: 200, height: 300, weight: 400 },
    }),
  );
}

async function fillCart(shopper: Headers, productId: string, quantity: number): Promise<void> {
  const added = await graphql(
    `
      mutation ($id: ID!, $q: Int!) {
        addToCart(productId: $id, quantity: $q) {
          subtotal
        }
      }
    `,
    { id: productId, q: quantity },
    shopper,
  );
  expect(added.body.errors).toBeUndefined();
}

async function cartItems(shopper: Headers): Promise<unknown[]> {
  const cart = await graphql<{ getCart: { items: unknown[] } }>(
    'query { getCart { items { productId quantity } } }',
    {},
    shopper,
  );
  return cart.body.data!.getCart.items;
}

/** Fills a fresh shopper's cart with `quantity` of a fresh product and places the order. */
async function placedOrder(quantity = 2, stock = 5) {
  const shopper = (await createStoreUser(local, 'checkout-shopper')).headers;
  const product = await aProduct(stock);
  const browsed = await graphql<{ getProduct: Product }>(
    'query ($id: ID!) { getProduct(productId: $id) { productId price stock } }',
    { id: product.productId },
    shopper,
  );
  expect(browsed.body.data!.getProduct).toEqual({ productId: product.productId, price: product.price, stock });
  await fillCart(shopper, product.productId, quantity);
  const deliveryPrice = await deliveryPricing(local, shopper, [{ productId: product.productId, quantity }]);
  const total = product.price * quantity + deliveryPrice;
  const paymentToken = await preauthorize(local, total);
  const response = await placeOrder(local, shopper, { deliveryPrice, paymentToken });
  expect(response.errors).toEqual([]);
  expect(response.success).toBe(true);
  return { shopper, product, quantity, deliveryPrice, total, paymentToken, order: response.order! };
}

describe('checkout, as a shopper and the back office run it', () => {
  it('takes an order from the cart to FULFILLED and captures the payment', async () => {
    const { shopper, product, quantity, deliveryPrice, total, paymentToken, order } = await placedOrder(2, 5);

    expect(order).toMatchObject({
      status: 'NEW',
      deliveryPrice,
      total,
      products: [{ productId: product.productId, name: product.name, price: product.price, quantity, package: product.package }],
      address: { ...ADDRESS, country: 'FR', companyName: null, state: null },
    });
    expect(deliveryPrice).toBe(1000);
    expect(await stockOf(local, product.productId)).toBe(3);
    expect(await cartItems(shopper)).toEqual([]);
    expect(await getOrder(local, shopper, order.orderId)).toEqual(order);
    expect(await paymentsOfOrder(dynamodbEndpoint, order.orderId)).toMatchObject([
      { paymentToken, amount: total, status: 'AUTHORIZED' },
    ]);
    expect(await providerPayment(local, providerKey, paymentToken)).toMatchObject({ status: 'AUTHORIZED', capturedAmount: 0 });

    const steps: [Headers, string, string][] = [
      [warehouse, 'startPackaging', 'PACKAGING'],
      [warehouse, 'completePackaging', 'PACKAGED'],
      [delivery, 'startDelivery', 'IN_DELIVERY'],
      [delivery, 'completeDelivery', 'FULFILLED'],
    ];
    for (const [caller, mutation, status] of steps) {
      const moved = await moveOrder(local, caller, mutation, order.orderId);
      expect(moved.body.errors, mutation).toBeUndefined();
      expect(moved.body.data![mutation]).toMatchObject({ orderId: order.orderId, status });
      expect((await getOrder(local, shopper, order.orderId))!.status).toBe(status);
    }

    await expect.poll(async () => (await paymentsOfOrder(dynamodbEndpoint, order.orderId))[0]?.status, SETTLED).toBe('CAPTURED');
    expect(await providerPayment(local, providerKey, paymentToken)).toMatchObject({ status: 'CAPTURED', capturedAmount: total });
    expect(await stockOf(local, product.productId)).toBe(3);

    await expect
      .poll(async () => (await eventsOfOrder(local, order.orderId)).map((event) => event['detail-type']), SETTLED)
      .toEqual(expect.arrayContaining(['OrderCreated', 'OrderStatusChanged', 'PaymentAuthorized', 'PaymentCaptured']));
    const events = await eventsOfOrder(local, order.orderId);
    expect(events.filter((e) => e['detail-type'] === 'OrderStatusChanged').map((e) => e.detail['status'])).toEqual([
      'PACKAGING',
      'PACKAGED',
      'IN_DELIVERY',
      'FULFILLED',
    ]);
    expect(JSON.stringify(events)).not.toContain(paymentToken);
  });

  it.each([
    { name: 'the shopper cancels it while NEW', moves: [['shopper', 'cancelOrder']], status: 'CANCELLED' },
    {
      name: 'packaging fails',
      moves: [
        ['warehouse', 'startPackaging'],
        ['warehouse', 'failPackaging'],
      ],
      status: 'PACKAGING_FAILED',
    },
    {
      name: 'delivery fails',
      moves: [
        ['warehouse', 'startPackaging'],
        ['warehouse', 'completePackaging'],
        ['delivery', 'startDelivery'],
        ['delivery', 'failDelivery'],
      ],
      status: 'DELIVERY_FAILED',
    },
  ])('returns the stock and releases the payment when $name', async ({ moves, status }) => {
    const { shopper, product, paymentToken, order } = await placedOrder(2, 5);
    expect(await stockOf(local, product.productId)).toBe(3);
    const callers: Record<string, Headers> = { shopper, warehouse, delivery };
    for (const [who, mutation] of moves) {
      const moved = await moveOrder(local, callers[who!]!, mutation!, order.orderId);
      expect(moved.body.errors, mutation).toBeUndefined();
    }
    expect((await getOrder(local, shopper, order.orderId))!.status).toBe(status);

    await expect.poll(() => stockOf(local, product.productId), SETTLED).toBe(5);
    await expect.poll(async () => (await paymentsOfOrder(dynamodbEndpoint, order.orderId))[0]?.status, SETTLED).toBe('RELEASED');
    expect(await providerPayment(local, providerKey, paymentToken)).toMatchObject({ status: 'CANCELLED', capturedAmount: 0 });
  });
});

describe('checkout refusals, which change nothing', () => {
  let shopper: Headers;
  let product: Product;

  beforeAll(async () => {
    shopper = (await createStoreUser(local, 'checkout-refused')).headers;
    product = await aProduct(4);
  });

  async function expectRefused(response: CreateOrderResponse, code: string): Promise<void> {
    expect(response.success).toBe(false);
    expect(response.order).toBeNull();
    expect(response.errors.map((error) => error.code)).toContain(code);
    expect(response.message).not.toBe('');
    expect(await stockOf(local, product.productId)).toBe(4);
    const orders = await graphql<{ getOrders: { orders: unknown[] } }>('query { getOrders { orders { orderId } } }', {}, shopper);
    expect(orders.body.data!.getOrders.orders).toEqual([]);
  }

  const line = () => [{ productId: product.productId, quantity: 1 }];

  it('EMPTY_CART for placeOrder with nothing in the cart', async () => {
    const paymentToken = await preauthorize(local, 10_000);
    await expectRefused(await placeOrder(local, shopper, { deliveryPrice: 1000, paymentToken }), 'EMPTY_CART');
  });

  it('WRONG_DELIVERY_PRICE naming both prices, keeping the cart', async () => {
    await fillCart(shopper, product.productId, 1);
    const paymentToken = await preauthorize(local, 10_000);
    const response = await placeOrder(local, shopper, { deliveryPrice: 999, paymentToken });
    await expectRefused(response, 'WRONG_DELIVERY_PRICE');
    expect(response.errors[0]!.message).toMatch(/999/);
    expect(response.errors[0]!.message).toMatch(/1000/);
    expect(await cartItems(shopper)).toEqual([{ productId: product.productId, quantity: 1 }]);
    await graphql('mutation { clearCart { subtotal } }', {}, shopper);
  });

  it('PAYMENT_DECLINED when the card was authorised for less than the total', async () => {
    const paymentToken = await preauthorize(local, product.price + 1000 - 1);
    await expectRefused(
      await createOrder(local, shopper, { products: line(), deliveryPrice: 1000, paymentToken }),
      'PAYMENT_DECLINED',
    );
  });

  it('PAYMENT_DECLINED for a token the provider never issued', async () => {
    await expectRefused(
      await createOrder(local, shopper, { products: line(), deliveryPrice: 1000, paymentToken: 'pt_not_a_token' }),
      'PAYMENT_DECLINED',
    );
  });

  it('refuses to pre-authorise the decline card at all', async () => {
    await expect(preauthorize(local, 5000, '4000000000000002')).rejects.toThrow(/402/);
  });

  it('OUT_OF_STOCK naming the product', async () => {
    const paymentToken = await preauthorize(local, 1_000_000);
    const response = await createOrder(local, shopper, {
      products: [{ productId: product.productId, quantity: 5 }],
      deliveryPrice: 1000,
      paymentToken,
    });
    await expectRefused(response, 'OUT_OF_STOCK');
    expect(response.errors[0]!.productId).toBe(product.productId);
  });

  it('UNKNOWN_PRODUCT naming the product', async () => {
    const paymentToken = await preauthorize(local, 10_000);
    const response = await createOrder(local, shopper, {
      products: [{ productId: 'no-such-product', quantity: 1 }],
      deliveryPrice: 1000,
      paymentToken,
    });
    await expectRefused(response, 'UNKNOWN_PRODUCT');
    expect(response.errors[0]!.productId).toBe('no-such-product');
  });

  it.each([
    ['no lines', { products: [] }],
    ['quantity 0', { products: [{ productId: 'p', quantity: 0 }] }],
    ['quantity 1000', { products: [{ productId: 'p', quantity: 1000 }] }],
    ['a blank city', { address: { ...ADDRESS, city: ' ' } }],
    ['a negative delivery price', { deliveryPrice: -1 }],
  ])('INVALID_INPUT for %s', async (_, change) => {
    const response = await createOrder(local, shopper, {
      products: line(),
      deliveryPrice: 1000,
      paymentToken: 'pt_unused',
      ...change,
    });
    await expectRefused(response, 'INVALID_INPUT');
  });

  it('lets a payment token back one order only', async () => {
    const buyer = (await createStoreUser(local, 'checkout-token')).headers;
    const other = await aProduct(3, 1000);
    const paymentToken = await preauthorize(local, 100_000);
    const first = await createOrder(local, buyer, {
      products: [{ productId: other.productId, quantity: 1 }],
      deliveryPrice: 1000,
      paymentToken,
    });
    expect(first.success).toBe(true);
    const second = await createOrder(local, buyer, {
      products: [{ productId: other.productId, quantity: 1 }],
      deliveryPrice: 1000,
      paymentToken,
    });
    expect(second.success).toBe(false);
    expect(second.errors.map((e) => e.code)).toEqual(['PAYMENT_DECLINED']);
    expect(await stockOf(local, other.productId)).toBe(2);
  });

  it('answers IDEMPOTENCY_CONFLICT for a key reused with another payload', async () => {
    const buyer = (await createStoreUser(local, 'checkout-key')).headers;
    const other = await aProduct(3, 1000);
    const key = uniqueId('key');
    const paymentToken = await preauthorize(local, 100_000);
    const first = await createOrder(
      local,
      buyer,
      { products: [{ productId: other.productId, quantity: 1 }], deliveryPrice: 1000, paymentToken },
      key,
    );
    expect(first.success).toBe(true);
    const again = await createOrder(
      local,
      buyer,
      { products: [{ productId: other.productId, quantity: 1 }], deliveryPrice: 1000, paymentToken },
      key,
    );
    expect(again.order!.orderId).toBe(first.order!.orderId);
    const changed = await createOrder(
      local,
      buyer,
      { products: [{ productId: other.productId, quantity: 2 }], deliveryPrice: 1000, paymentToken },
      key,
    );
    expect(changed.success).toBe(false);
    expect(changed.errors.map((e) => e.code)).toEqual(['IDEMPOTENCY_CONFLICT']);
    expect(await stockOf(local, other.productId)).toBe(2);
  });
});

describe('who may place orders', () => {
  it('refuses guests', async () => {
    const response = await postGraphQL(
      local.graphqlUrl,
      'mutation { placeOrder(input: { address: { name: "a", streetAddress: "b", city: "c", country: "FR", phoneNumber: "1" }, deliveryPrice: 0, paymentToken: "t" }) { success } }',
      { headers: { 'x-api-key': local.apiKey } },
    );
    expect(response.body.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});
