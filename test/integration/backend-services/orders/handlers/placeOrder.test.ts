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

  describe('the delivery price', () => {
    // 2 × 1000×900×800 mm (20 kg): 1.44 m³ is 12 boxes of 500 mm cubes (40 kg would be 4), 1000 each to France.
    async function largeInCart() {
      const large = aProduct(uniqueId('wardrobe'), { price: 1500, package: aPackage(1000, 900, 800, 20_000) });
      await world.tables.putProducts(large);
      const userId = uniqueId('shopper');
      await world.tables.fillCart(userId, { [large.productId]: 2 });
      return userId;
    }

    it('is priced from the packages checkout read, and the catalog is read once per checkout', async () => {
      const userId = await largeInCart();
      const readsBefore = world.productsReads();

      const { status, body } = await world.placeOrder(checkoutBody(userId, { address: FRENCH_ADDRESS, deliveryPrice: 12_000 }));

      expect(status).toBe(200);
      expect(body.order).toMatchObject({ deliveryPrice: 12_000, total: 2 * 1500 + 12_000 });
      expect(world.productsReads() - readsBefore).toBe(1);
    });

    it('refuses another delivery price with WRONG_DELIVERY_PRICE, naming the one the packages give', async () => {
      const userId = await largeInCart();
      const { status, body } = await world.placeOrder(checkoutBody(userId, { address: FRENCH_ADDRESS, deliveryPrice: 1000 }));
      expect(status).toBe(422);
      expect(body.errors).toEqual([{ code: 'WRONG_DELIVERY_PRICE', message: expect.stringMatching(/1000.*12000/) }]);
    });
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
