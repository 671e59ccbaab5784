import { randomUUID } from 'node:crypto';
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deriveOrderId } from '../../../../../backend-services/orders/domain/orderId.ts';
import { createLocalDynamoDbClient } from 'appsync-local/dynamodb/tables.ts';
import { type CheckoutWorld, startCheckoutWorld, SWEDISH_ADDRESS } from '../../../../support/backend-services/checkoutWorld.ts';
import { aProduct } from '../../../../support/backend-services/products.ts';

const uniqueId = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

describe('checkout with an idempotency key', () => {
  let world: CheckoutWorld;

  beforeAll(async () => {
    world = await startCheckoutWorld();
  });
  afterAll(() => world?.close());
  afterEach(() => world.payment.failWith(undefined));

  async function scenario(stock = 50) {
    const product = aProduct(uniqueId('mug'), { stock, price: 900 });
    await world.tables.putProducts(product);
    const userId = uniqueId('user');
    const idempotencyKey = uniqueId('key');
    const body = {
      userId,
      idempotencyKey,
      order: {
        products: [{ productId: product.productId, quantity: 2 }],
        address: SWEDISH_ADDRESS,
        deliveryPrice: 0,
        paymentToken: uniqueId('token'),
      },
    };
    const authorizations = () => world.payment.authorizations.filter((call) => call.userId === userId);
    return { productId: product.productId, userId, idempotencyKey, body, authorizations };
  }

  it('answers a retry with the first order, creating nothing and claiming the payment once', async () => {
    const { productId, userId, body, authorizations } = await scenario();
    const first = await world.createOrder(body);
    const retry = await world.createOrder(body);
    expect(first.status).toBe(200);
    expect(retry).toEqual(first);
    expect(await world.tables.ordersOf(userId)).toHaveLength(1);
    expect(await world.tables.stockOf(productId)).toBe(48);
    expect(authorizations()).toHaveLength(1);
  });

  it('derives the order id from the operation, the user and the key', async () => {
    const { userId, idempotencyKey, body } = await scenario();
    const { body: answer } = await world.createOrder(body);
    expect(answer.order?.orderId).toBe(deriveOrderId('createOrder', userId, idempotencyKey));
    expect((await world.tables.getOrder(answer.order!.orderId))?.idempotencyKey).toBe(idempotencyKey);
  });

  it('treats the same lines in another order, or split, as the same payload', async () => {
    const other = aProduct(uniqueId('plate'), { stock: 5, price: 100 });
    await world.tables.putProducts(other);
    const { body } = await scenario();
    const lines = [...body.order.products, { productId: other.productId, quantity: 1 }];
    const first = await world.createOrder({ ...body, order: { ...body.order, products: lines } });
    const reordered = [
      { productId: other.productId, quantity: 1 },
      { ...lines[0]!, quantity: 1 },
      { ...lines[0]!, quantity: 1 },
    ];
    const retry = await world.createOrder({ ...body, order: { ...body.order, products: reordered } });
    expect(retry.body.order?.orderId).toBe(first.body.order?.orderId);
  });

  it('answers 20 concurrent calls with one key with one order', async () => {
    const { productId, userId, body, authorizations } = await scenario();
    const answers = await Promise.all(Array.from({ length: 20 }, () => world.createOrder(body)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((answer) => answer.body.order?.orderId)).size).toBe(1);
    expect(await world.tables.ordersOf(userId)).toHaveLength(1);
    expect(await world.tables.stockOf(productId)).toBe(48);
    expect(authorizations()).toHaveLength(1);
  });

  it('answers 422 IDEMPOTENCY_CONFLICT for the same key with another payload', async () => {
    const { userId, body } = await scenario();
    await world.createOrder(body);
    const changed = await world.createOrder({
      ...body,
      order: { ...body.order, products: [{ ...body.order.products[0]!, quantity: 3 }] },
    });
    expect(changed.status).toBe(422);
    expect(changed.body.errors).toEqual([
      { code: 'IDEMPOTENCY_CONFLICT', message: expect.stringContaining(body.idempotencyKey) },
    ]);
    expect(await world.tables.ordersOf(userId)).toHaveLength(1);
  });

  it('keeps keys apart per operation: the same key on placeOrder is another request', async () => {
    const { userId, idempotencyKey, body } = await scenario();
    await world.createOrder(body);
    const { address, deliveryPrice, paymentToken } = body.order;
    const checkout = await world.placeOrder({ userId, idempotencyKey, input: { address, deliveryPrice, paymentToken } });
    expect(checkout.body.errors.map((error) => error.code)).toEqual(['EMPTY_CART']);
  });

  it('keeps keys apart per user', async () => {
    const { body } = await scenario();
    const mine = await world.createOrder(body);
    const theirs = await world.createOrder({
      ...body,
      userId: uniqueId('someone-else'),
      order: { ...body.order, paymentToken: uniqueId('token') },
    });
    expect(theirs.status).toBe(200);
    expect(theirs.body.order?.orderId).not.toBe(mine.body.order?.orderId);
  });

  it('answers a retry of a refused order with the same refusal, without asking again', async () => {
    const { body, authorizations } = await scenario();
    const declined = { ...body, order: { ...body.order, paymentToken: uniqueId('declined') } };
    const first = await world.createOrder(declined);
    const retry = await world.createOrder(declined);
    expect(first.body.errors.map((error) => error.code)).toEqual(['PAYMENT_DECLINED']);
    expect(retry).toEqual(first);
    expect(authorizations()).toHaveLength(1);
  });

  it('does not keep SERVICE_UNAVAILABLE: a retry once the payment service is back places the order', async () => {
    const { userId, body } = await scenario();
    world.payment.failWith(503);
    const down = await world.createOrder(body);
    world.payment.failWith(undefined);
    const back = await world.createOrder(body);
    expect(down.status).toBe(503);
    expect(down.body.errors.map((error) => error.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(back.status).toBe(200);
    expect(await world.tables.ordersOf(userId)).toHaveLength(1);
  });

  /** What an idempotency record's expiry (an hour on) does: every record is gone. */
  async function expireIdempotencyRecords() {
    const client = createLocalDynamoDbClient(world.tables.dynamodbEndpoint);
    for (const record of await world.tables.idempotencyRecords()) {
      await client.send(new DeleteItemCommand({ TableName: world.tables.names.idempotency, Key: marshall({ id: record.id }) }));
    }
  }

  it('converges on the same order when a retry comes after its idempotency record was lost', async () => {
    const { productId, userId, body, authorizations } = await scenario();
    const first = await world.createOrder(body);
    await expireIdempotencyRecords();
    const retry = await world.createOrder(body);
    expect(retry.body.order).toEqual(first.body.order);
    expect(await world.tables.ordersOf(userId)).toHaveLength(1);
    expect(await world.tables.stockOf(productId)).toBe(48);
    expect(authorizations()).toHaveLength(1);
  });

  it('converges for placeOrder too, though the cart was emptied by the first attempt', async () => {
    const { productId, userId } = await scenario();
    await world.tables.fillCart(userId, { [productId]: 1 });
    const body = {
      userId,
      idempotencyKey: uniqueId('key'),
      input: { address: SWEDISH_ADDRESS, deliveryPrice: 0, paymentToken: uniqueId('token') },
    };
    const first = await world.placeOrder(body);
    await expireIdempotencyRecords();
    const retry = await world.placeOrder(body);
    expect(first.status).toBe(200);
    expect(retry.body.order).toEqual(first.body.order);
  });

  describe('once its idempotency record expired', () => {
    const conflict = (key: string) => [{ code: 'IDEMPOTENCY_CONFLICT', message: expect.stringContaining(key) }];

    it('answers IDEMPOTENCY_CONFLICT for the key with another payload, placing and claiming nothing, as within the hour', async () => {
      const { productId, userId, idempotencyKey, body, authorizations } = await scenario();
      const first = await world.createOrder(body);
      await expireIdempotencyRecords();
      const changed = await world.createOrder({
        ...body,
        order: { ...body.order, products: [{ ...body.order.products[0]!, quantity: 3 }], paymentToken: uniqueId('token') },
      });
      expect(changed.status).toBe(422);
      expect(changed.body.errors).toEqual(conflict(idempotencyKey));
      expect(await world.tables.ordersOf(userId)).toEqual([expect.objectContaining({ orderId: first.body.order!.orderId })]);
      expect(await world.tables.stockOf(productId)).toBe(48);
      expect(authorizations()).toHaveLength(1);
      // The refusal kept nothing for the key: its own payload still answers its order.
      const retry = await world.createOrder(body);
      expect(retry.status).toBe(200);
      expect(retry.body.order).toEqual(first.body.order);
    });

    it('keeps refusing it: each later reuse with another payload is IDEMPOTENCY_CONFLICT too', async () => {
      const { idempotencyKey, body } = await scenario();
      await world.createOrder(body);
      const other = { ...body, order: { ...body.order, deliveryPrice: 1000 } };
      for (let expiry = 0; expiry < 3; expiry += 1) {
        await expireIdempotencyRecords();
        expect((await world.createOrder(other)).body.errors).toEqual(conflict(idempotencyKey));
      }
    });

    it('answers concurrent reuses with another payload with IDEMPOTENCY_CONFLICT, then concurrent retries with the order', async () => {
      const { userId, idempotencyKey, body, authorizations } = await scenario();
      const first = await world.createOrder(body);
      await expireIdempotencyRecords();
      const other = { ...body, order: { ...body.order, address: { ...body.order.address, city: 'Uppsala' } } };
      const reuses = await Promise.all(Array.from({ length: 10 }, () => world.createOrder(other)));
      expect(reuses.map((answer) => answer.body.errors)).toEqual(Array(10).fill(conflict(idempotencyKey)));
      await expireIdempotencyRecords();
      const retries = await Promise.all(Array.from({ length: 10 }, () => world.createOrder(body)));
      expect(retries.map((answer) => answer.body.order)).toEqual(Array(10).fill(first.body.order));
      expect(await world.tables.ordersOf(userId)).toHaveLength(1);
      expect(authorizations()).toHaveLength(1);
    });

    it('refuses placeOrder’s reused key with another payload too, leaving the cart as it is', async () => {
      const { productId, userId, idempotencyKey } = await scenario();
      await world.tables.fillCart(userId, { [productId]: 1 });
      const input = { address: SWEDISH_ADDRESS, deliveryPrice: 0, paymentToken: uniqueId('token') };
      await world.placeOrder({ userId, idempotencyKey, input });
      await world.tables.fillCart(userId, { [productId]: 2 });
      await expireIdempotencyRecords();
      const reused = await world.placeOrder({ userId, idempotencyKey, input: { ...input, paymentToken: uniqueId('token') } });
      expect(reused.body.errors).toEqual(conflict(idempotencyKey));
      expect(await world.tables.ordersOf(userId)).toHaveLength(1);
      expect(await world.tables.cartRows(userId)).toContainEqual(expect.objectContaining({ productId, quantity: 2 }));
    });
  });

  it('stores no payment token in its records', async () => {
    const { body } = await scenario();
    await world.createOrder(body);
    expect(JSON.stringify(await world.tables.idempotencyRecords())).not.toContain(body.order.paymentToken);
  });
});
