import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CheckoutWorld,
  FRENCH_ADDRESS,
  startCheckoutWorld,
  SWEDISH_ADDRESS,
} from '../../../../support/backend-services/checkoutWorld.ts';
import { aPackage, aProduct } from '../../../../support/backend-services/products.ts';

const uniqueId = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

describe('POST /orders (createOrder)', () => {
  let world: CheckoutWorld;

  beforeAll(async () => {
    world = await startCheckoutWorld();
  });
  afterAll(() => world?.close());

  /** A fresh product in the catalog and a fresh shopper, so that tests never share stock. */
  async function aStockedProduct(stock: number, price = 2500) {
    const product = aProduct(uniqueId('lamp'), { stock, price, name: 'Desk Lamp', package: aPackage(100, 200, 300, 400) });
    await world.tables.putProducts(product);
    return product;
  }

  const orderBody = (
    userId: string,
    products: { productId: string; quantity: number }[],
    overrides: Record<string, unknown> = {},
  ) => ({
    userId,
    order: { products, address: SWEDISH_ADDRESS, deliveryPrice: 0, paymentToken: uniqueId('token'), ...overrides },
  });

  it('places the order: catalog prices, the quoted delivery, the stock reserved and the payment claimed for the total', async () => {
    const lamp = await aStockedProduct(5, 2500);
    const userId = uniqueId('user');
    const body = orderBody(userId, [{ productId: lamp.productId, quantity: 2 }], {
      address: { ...FRENCH_ADDRESS, country: 'fr', companyName: null },
      deliveryPrice: 1000,
    });

    const { status, body: answer } = await world.createOrder(body);

    expect(status).toBe(200);
    expect(answer).toEqual({
      success: true,
      message: expect.stringContaining('was placed'),
      errors: [],
      order: {
        orderId: expect.any(String),
        userId,
        status: 'NEW',
        statusReason: null,
        products: [
          { productId: lamp.productId, name: 'Desk Lamp', price: 2500, quantity: 2, package: aPackage(100, 200, 300, 400) },
        ],
        address: { ...FRENCH_ADDRESS, country: 'FR', companyName: null, postCode: null, state: null },
        deliveryPrice: 1000,
        total: 6000,
        createdDate: expect.any(String),
        modifiedDate: expect.any(String),
      },
    });
    const orderId = answer.order!.orderId;
    expect(await world.tables.stockOf(lamp.productId)).toBe(3);
    expect(world.payment.authorizations.filter((call) => call.orderId === orderId)).toEqual([
      { orderId, userId, paymentToken: body.order.paymentToken, amount: 6000 },
    ]);
  });

  it('stores the order as the contract describes it: subtotal, no payment token, optional fields absent', async () => {
    const lamp = await aStockedProduct(5, 1200);
    const body = orderBody(uniqueId('user'), [{ productId: lamp.productId, quantity: 3 }]);
    const { body: answer } = await world.createOrder(body);
    const stored = await world.tables.getOrder(answer.order!.orderId);
    const { statusReason, ...answered } = answer.order!;
    expect(statusReason).toBeNull();
    expect(stored).toEqual({ ...answered, address: SWEDISH_ADDRESS, subtotal: 3600 });
    expect(JSON.stringify(stored)).not.toContain(body.order.paymentToken);
  });

  it('merges lines of the same product', async () => {
    const lamp = await aStockedProduct(10);
    const { body: answer } = await world.createOrder(
      orderBody(uniqueId('user'), [
        { productId: lamp.productId, quantity: 2 },
        { productId: lamp.productId, quantity: 3 },
      ]),
    );
    expect(answer.order?.products.map(({ productId, quantity }) => ({ productId, quantity }))).toEqual([
      { productId: lamp.productId, quantity: 5 },
    ]);
    expect(await world.tables.stockOf(lamp.productId)).toBe(5);
  });

  it('answers 422 INVALID_INPUT listing every problem, and touches nothing', async () => {
    const calls = world.payment.authorizations.length;
    const { status, body } = await world.createOrder({
      userId: ' ',
      order: {
        products: [{ productId: 'x', quantity: 0 }],
        address: { ...SWEDISH_ADDRESS, city: '' },
        deliveryPrice: -1,
        paymentToken: '',
      },
      idempotencyKey: 'not a key!',
    });
    expect(status).toBe(422);
    expect(body.success).toBe(false);
    expect(body.order).toBeNull();
    expect(body.errors.map((error) => error.code)).toEqual(Array(6).fill('INVALID_INPUT'));
    expect(body.errors.map((error) => error.message).join(' ')).toMatch(
      /userId.*idempotencyKey.*quantity.*address\.city.*deliveryPrice.*paymentToken/,
    );
    expect(world.payment.authorizations.length).toBe(calls);
  });

  it('answers 422 UNKNOWN_PRODUCT naming the product the catalog lacks, before any payment', async () => {
    const lamp = await aStockedProduct(5);
    const calls = world.payment.authorizations.length;
    const { status, body } = await world.createOrder(
      orderBody(uniqueId('user'), [
        { productId: lamp.productId, quantity: 1 },
        { productId: 'ghost', quantity: 1 },
      ]),
    );
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ code: 'UNKNOWN_PRODUCT', message: expect.stringContaining('ghost'), productId: 'ghost' }]);
    expect(world.payment.authorizations.length).toBe(calls);
    expect(await world.tables.stockOf(lamp.productId)).toBe(5);
  });

  it('answers 422 WRONG_DELIVERY_PRICE naming both prices', async () => {
    const lamp = await aStockedProduct(5);
    const { status, body } = await world.createOrder(
      orderBody(uniqueId('user'), [{ productId: lamp.productId, quantity: 1 }], { address: FRENCH_ADDRESS, deliveryPrice: 500 }),
    );
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ code: 'WRONG_DELIVERY_PRICE', message: expect.stringMatching(/500.*1000/) }]);
  });

  it('answers 422 OUT_OF_STOCK naming the product when the stock is already short, before any payment', async () => {
    const lamp = await aStockedProduct(2);
    const calls = world.payment.authorizations.length;
    const { status, body } = await world.createOrder(orderBody(uniqueId('user'), [{ productId: lamp.productId, quantity: 3 }]));
    expect(status).toBe(422);
    expect(body.errors).toEqual([
      { code: 'OUT_OF_STOCK', message: expect.stringMatching(/Desk Lamp.*3 ordered.*only 2/), productId: lamp.productId },
    ]);
    expect(world.payment.authorizations.length).toBe(calls);
    expect(await world.tables.stockOf(lamp.productId)).toBe(2);
  });

  it("answers 422 PAYMENT_DECLINED with the payment service's reason, and writes nothing", async () => {
    const lamp = await aStockedProduct(5);
    const userId = uniqueId('user');
    const { status, body } = await world.createOrder(
      orderBody(userId, [{ productId: lamp.productId, quantity: 1 }], { paymentToken: uniqueId('declined') }),
    );
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ code: 'PAYMENT_DECLINED', message: expect.stringContaining('was declined') }]);
    expect(await world.tables.ordersOf(userId)).toEqual([]);
    expect(await world.tables.stockOf(lamp.productId)).toBe(5);
  });

  it('refuses a second order backed by the same payment token', async () => {
    const lamp = await aStockedProduct(5);
    const paymentToken = uniqueId('token');
    const first = await world.createOrder(
      orderBody(uniqueId('user'), [{ productId: lamp.productId, quantity: 1 }], { paymentToken }),
    );
    const second = await world.createOrder(
      orderBody(uniqueId('user'), [{ productId: lamp.productId, quantity: 1 }], { paymentToken }),
    );
    expect(first.status).toBe(200);
    expect(second.status).toBe(422);
    expect(second.body.errors.map((error) => error.code)).toEqual(['PAYMENT_DECLINED']);
    expect(await world.tables.stockOf(lamp.productId)).toBe(4);
  });
});
