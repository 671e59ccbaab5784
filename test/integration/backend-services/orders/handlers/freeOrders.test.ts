// An order whose total is 0 (free products, free delivery to Sweden) is placed without a payment:
// the payment service takes amounts of 1 and more, and there is nothing to take.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CheckoutWorld,
  FRENCH_ADDRESS,
  startCheckoutWorld,
  SWEDISH_ADDRESS,
} from '../../../../support/backend-services/checkoutWorld.ts';
import { aProduct } from '../../../../support/backend-services/products.ts';

const uniqueId = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

describe('a free order (total 0)', () => {
  let world: CheckoutWorld;

  beforeAll(async () => {
    world = await startCheckoutWorld();
  });
  afterAll(() => world?.close());

  async function aFreeProduct(stock = 5) {
    const product = aProduct(uniqueId('sample'), { stock, price: 0 });
    await world.tables.putProducts(product);
    return product.productId;
  }

  /** The payment service's calls about one shopper's orders. */
  const paymentCalls = (userId: string, orderIds: readonly string[] = []) => [
    ...world.payment.authorizations.filter((call) => call.userId === userId),
    ...world.payment.voids.filter((call) => orderIds.includes(call.orderId)),
  ];

  it('is placed NEW by createOrder without a payment token, the payment service never asked', async () => {
    const productId = await aFreeProduct();
    const userId = uniqueId('shopper');
    const { status, body } = await world.createOrder({
      userId,
      order: { products: [{ productId, quantity: 2 }], address: SWEDISH_ADDRESS, deliveryPrice: 0 },
    });
    expect(status).toBe(200);
    expect(body.order).toEqual(expect.objectContaining({ userId, status: 'NEW', deliveryPrice: 0, total: 0 }));
    expect(await world.tables.getOrder(body.order!.orderId)).toEqual(expect.objectContaining({ subtotal: 0, total: 0 }));
    expect(await world.tables.stockOf(productId)).toBe(3);
    expect(paymentCalls(userId, [body.order!.orderId])).toEqual([]);
  });

  it('is placed by placeOrder from a cart of free products, the cart emptied', async () => {
    const productId = await aFreeProduct();
    const userId = uniqueId('shopper');
    await world.tables.fillCart(userId, { [productId]: 1 });
    const { status, body } = await world.placeOrder({ userId, input: { address: SWEDISH_ADDRESS, deliveryPrice: 0 } });
    expect(status).toBe(200);
    expect(body.order).toEqual(expect.objectContaining({ status: 'NEW', total: 0 }));
    expect((await world.tables.cartRows(userId)).map((row) => row.productId)).toEqual(['#cart']);
    expect(paymentCalls(userId, [body.order!.orderId])).toEqual([]);
  });

  it('claims no card token given with it, and starts no gateway payment: NEW either way', async () => {
    const productId = await aFreeProduct();
    const userId = uniqueId('shopper');
    const paymentToken = uniqueId('token');
    const lines = [{ productId, quantity: 1 }];
    const byCard = await world.createOrder({
      userId,
      order: { products: lines, address: SWEDISH_ADDRESS, deliveryPrice: 0, paymentToken },
    });
    const atGateway = await world.createOrder({
      userId,
      order: { products: lines, address: SWEDISH_ADDRESS, deliveryPrice: 0, paymentMethod: 'GATEWAY' },
    });
    expect([byCard.body.order?.status, atGateway.body.order?.status]).toEqual(['NEW', 'NEW']);
    expect(world.payment.claims.has(paymentToken)).toBe(false);
    expect(paymentCalls(userId)).toEqual([]);
  });

  it('is not free with a delivery price: without a token it is INVALID_INPUT naming the total, and nothing is written', async () => {
    const productId = await aFreeProduct();
    const userId = uniqueId('shopper');
    const { status, body } = await world.createOrder({
      userId,
      order: { products: [{ productId, quantity: 1 }], address: FRENCH_ADDRESS, deliveryPrice: 1000 },
    });
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ code: 'INVALID_INPUT', message: expect.stringMatching(/paymentToken.*costs 1000/) }]);
    expect(await world.tables.ordersOf(userId)).toEqual([]);
    expect(await world.tables.stockOf(productId)).toBe(5);
  });

  it('is refused OUT_OF_STOCK when the stock is short, with no payment to void', async () => {
    const productId = await aFreeProduct(1);
    const userId = uniqueId('shopper');
    const { body } = await world.createOrder({
      userId,
      order: { products: [{ productId, quantity: 2 }], address: SWEDISH_ADDRESS, deliveryPrice: 0 },
    });
    expect(body.errors.map((error) => error.code)).toEqual(['OUT_OF_STOCK']);
    expect(paymentCalls(userId)).toEqual([]);
  });

  it('answers 20 concurrent calls with one key with one order', async () => {
    const productId = await aFreeProduct(50);
    const userId = uniqueId('shopper');
    const body = {
      userId,
      idempotencyKey: uniqueId('key'),
      order: { products: [{ productId, quantity: 2 }], address: SWEDISH_ADDRESS, deliveryPrice: 0 },
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => world.createOrder(body)));
    expect(new Set(answers.map((answer) => answer.body.order?.orderId)).size).toBe(1);
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(await world.tables.ordersOf(userId)).toHaveLength(1);
    expect(await world.tables.stockOf(productId)).toBe(48);
  });

  it('sells exactly the stock to concurrent shoppers', async () => {
    const productId = await aFreeProduct(3);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        world.createOrder({
          userId: uniqueId('shopper'),
          order: { products: [{ productId, quantity: 1 }], address: SWEDISH_ADDRESS, deliveryPrice: 0 },
        }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(3);
    expect(answers.filter((answer) => answer.body.errors[0]?.code === 'OUT_OF_STOCK')).toHaveLength(5);
    expect(await world.tables.stockOf(productId)).toBe(0);
  });
});
