import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckoutWorld, startCheckoutWorld, SWEDISH_ADDRESS } from '../../../../support/backend-services/checkoutWorld.ts';
import { aProduct } from '../../../../support/backend-services/products.ts';

const uniqueId = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

describe('checkout under concurrency', () => {
  let world: CheckoutWorld;

  beforeAll(async () => {
    world = await startCheckoutWorld();
  });
  afterAll(() => world?.close());

  it('sells exactly the stock: 30 shoppers at once for 10 units, 10 orders, stock 0, the refused payments voided', async () => {
    const lamp = aProduct(uniqueId('lamp'), { stock: 10 });
    await world.tables.putProducts(lamp);
    const bodies = Array.from({ length: 30 }, () => ({
      userId: uniqueId('shopper'),
      order: {
        products: [{ productId: lamp.productId, quantity: 1 }],
        address: SWEDISH_ADDRESS,
        deliveryPrice: 0,
        paymentToken: uniqueId('token'),
      },
    }));

    const answers = await Promise.all(bodies.map((body) => world.createOrder(body)));

    const placed = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(placed).toHaveLength(10);
    expect(refused.map((answer) => [answer.status, answer.body.errors.map((error) => error.code)])).toEqual(
      Array(20).fill([422, ['OUT_OF_STOCK']]),
    );
    expect(await world.tables.stockOf(lamp.productId)).toBe(0);
    const tokens = new Set(bodies.map((body) => body.order.paymentToken));
    const stillClaimed = [...world.payment.claims].filter(([token]) => tokens.has(token));
    expect(stillClaimed.map(([, orderId]) => orderId).sort()).toEqual(placed.map((answer) => answer.body.order!.orderId).sort());
  });
});
