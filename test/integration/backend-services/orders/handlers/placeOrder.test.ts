import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckoutWorld, startCheckoutWorld, SWEDISH_ADDRESS } from '../../../../support/backend-services/checkoutWorld.ts';
import { aProduct } from '../../../../support/backend-services/products.ts';

const uniqueId = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

describe('POST /checkout (placeOrder)', () => {
  let world: CheckoutWorld;

  beforeAll(async () => {
    world = await startCheckoutWorld();
  });
  afterAll(() => world?.close());

  async function stocked(...stocks: number[]) {
    const products = stocks.map((stock) => aProduct(uniqueId('book'), { stock, price: 1500 }));
    await world.tables.putProducts(...products);
    return products.map((product) => product.productId);
  }

  const checkoutBody = (userId: string, overrides: Record<string, unknown> = {}) => ({
    userId,
    input: { address: SWEDISH_ADDRESS, deliveryPrice: 0, paymentToken: uniqueId('token'), ...overrides },
  });

  it("orders the cart's lines and empties the cart of them, header included", async () => {
    const [a, b] = await stocked(5, 5);
    const userId = uniqueId('shopper');
    await world.tables.fillCart(userId, { [a!]: 2, [b!]: 1 });

    const { status, body } = await world.placeOrder(checkoutBody(userId));

    expect(status).toBe(200);
    expect(body.order?.products.map(({ productId, quantity }) => ({ productId, quantity }))).toEqual(
      expect.arrayContaining([
        { productId: a, quantity: 2 },
        { productId: b, quantity: 1 },
      ]),
    );
    expect(body.order?.total).toBe(4500);
    expect(await world.tables.cartRows(userId)).toEqual([{ userId, productId: '#cart', modifiedDate: body.order?.createdDate }]);
    expect([await world.tables.stockOf(a!), await world.tables.stockOf(b!)]).toEqual([3, 4]);
  });

  it("leaves other shoppers' carts alone", async () => {
    const [a] = await stocked(5);
    const [shopper, other] = [uniqueId('shopper'), uniqueId('other')];
    await world.tables.fillCart(shopper, { [a!]: 1 });
    await world.tables.fillCart(other, { [a!]: 1 });
    await world.placeOrder(checkoutBody(shopper));
    expect((await world.tables.cartRows(other)).map((row) => row.productId).sort()).toEqual(['#cart', a]);
  });

  it('answers 422 EMPTY_CART for a shopper without a cart', async () => {
    const { status, body } = await world.placeOrder(checkoutBody(uniqueId('nobody')));
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ code: 'EMPTY_CART', message: expect.any(String) }]);
  });

  it('answers 422 EMPTY_CART for a cart that has only its header left', async () => {
    const [a] = await stocked(5);
    const userId = uniqueId('shopper');
    await world.tables.fillCart(userId, { [a!]: 1 });
    expect((await world.placeOrder(checkoutBody(userId))).status).toBe(200);
    const again = await world.placeOrder(checkoutBody(userId));
    expect(again.status).toBe(422);
    expect(again.body.errors.map((error) => error.code)).toEqual(['EMPTY_CART']);
  });

  it('keeps the cart as it was when the order is refused', async () => {
    const [a, b] = await stocked(5, 1);
    const userId = uniqueId('shopper');
    await world.tables.fillCart(userId, { [a!]: 1, [b!]: 2 });
    const before = await world.tables.cartRows(userId);

    const { status, body } = await world.placeOrder(checkoutBody(userId));

    expect(status).toBe(422);
    expect(body.errors).toEqual([{ code: 'OUT_OF_STOCK', message: expect.any(String), productId: b }]);
    expect(await world.tables.cartRows(userId)).toEqual(before);
  });

  it('keeps the cart when the payment is declined', async () => {
    const [a] = await stocked(5);
    const userId = uniqueId('shopper');
    await world.tables.fillCart(userId, { [a!]: 1 });
    const before = await world.tables.cartRows(userId);
    const { body } = await world.placeOrder(checkoutBody(userId, { paymentToken: uniqueId('declined') }));
    expect(body.errors.map((error) => error.code)).toEqual(['PAYMENT_DECLINED']);
    expect(await world.tables.cartRows(userId)).toEqual(before);
  });

  it('answers 422 INVALID_INPUT for an input without an address', async () => {
    const { status, body } = await world.placeOrder({
      userId: uniqueId('shopper'),
      input: { deliveryPrice: 0, paymentToken: 't' },
    });
    expect(status).toBe(422);
    expect(body.errors).toEqual([{ code: 'INVALID_INPUT', message: expect.stringContaining('address') }]);
  });
});
