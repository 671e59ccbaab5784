// Stock through GraphQL on the test run's local stack: putProduct never writes stock back over
// what shoppers reserved (the lost update), versions, adjustStock, and the stock ledger that
// getStockMovements reads, with orders and cancellations moving the stock meanwhile.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import type { Product, StockMovement } from '../../generated/graphql.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { createOrder, moveOrder, preauthorize, stockOf } from '../support/checkout.ts';
import { userIdOf } from '../support/orders.ts';
import { PRODUCT_FIELDS, productInput, putProduct, storeClient, uniqueId, type Headers } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';
import type { GraphQLHttpResponse } from 'appsync-local/testing/graphql.ts';

const { local } = localStack();
const graphql = storeClient(local.graphqlUrl);
const SETTLED = { timeout: 15_000, interval: 100 };
/** 100×200×300 mm, 400 g: one box, 1000 to France (the checkout support's address). */
const PACKAGE = { width: 100, length: 200, height: 300, weight: 400 };
const DELIVERY_PRICE = 1000;
const PRICE = 100;

const PUT = `mutation ($input: ProductInput!, $v: Int) { putProduct(input: $input, expectedVersion: $v) { ${PRODUCT_FIELDS} } }`;
const ADJUST = `mutation ($id: ID!, $delta: Int!, $reason: String!, $key: String) {
  adjustStock(productId: $id, delta: $delta, reason: $reason, idempotencyKey: $key) { productId stock version }
}`;
const MOVEMENTS = `query ($id: ID!, $limit: Int, $next: String) {
  getStockMovements(productId: $id, limit: $limit, nextToken: $next) {
    movements { productId delta reason orderId actor at stockAfter } nextToken
  }
}`;

let admin: Headers;
let warehouse: Headers;
let customer: Headers;
let guest: Headers;

beforeAll(async () => {
  admin = { authorization: await idTokenOf(local, 'admin') };
  customer = { authorization: await idTokenOf(local, 'customer') };
  warehouse = (await createStoreUser(local, 'stock-warehouse', ['warehouse'])).headers;
  guest = { 'x-api-key': local.apiKey };
});

function aProduct(stock: number): Promise<Product> {
  return putProduct(
    local.graphqlUrl,
    admin,
    productInput({ productId: uniqueId('stock'), price: PRICE, stock, package: PACKAGE }),
  );
}

/** An order of `quantity` units by `shopper`, paid by a card of its own; fails the test when refused. */
async function order(shopper: Headers, productId: string, quantity = 1): Promise<string> {
  const paymentToken = await preauthorize(local, PRICE * quantity + DELIVERY_PRICE);
  const response = await createOrder(local, shopper, {
    products: [{ productId, quantity }],
    deliveryPrice: DELIVERY_PRICE,
    paymentToken,
  });
  expect(response.errors).toEqual([]);
  return response.order!.orderId;
}

/** Every movement of the product, newest first, through pages of `limit`. */
async function allMovements(productId: string, limit = 7): Promise<StockMovement[]> {
  const movements: StockMovement[] = [];
  let next: string | null = null;
  do {
    const response: GraphQLHttpResponse<{ getStockMovements: { movements: StockMovement[]; nextToken: string | null } }> =
      await graphql(MOVEMENTS, { id: productId, limit, next }, admin);
    expect(response.body.errors).toBeUndefined();
    movements.push(...response.body.data!.getStockMovements.movements);
    next = response.body.data!.getStockMovements.nextToken;
  } while (next);
  return movements;
}

const sum = (movements: readonly StockMovement[]) => movements.reduce((total, movement) => total + movement.delta, 0);

describe('putProduct and the stock', () => {
  it('refuses the product as read after a customer ordered (Conflict naming adjustStock), and accepts it with the stored stock', async () => {
    const read = await aProduct(10);
    await order(customer, read.productId, 3);
    const { productId, name, category, price, package: box, stock } = read;
    const input = { productId, name: `${name} (edited)`, category, price, package: box, stock };

    const stale = await graphql(PUT, { input }, admin);
    expect(stale.body.data).toBeNull();
    expect(stale.body.errors).toEqual([
      expect.objectContaining({
        errorType: 'Conflict',
        path: ['putProduct'],
        message: expect.stringMatching(/has 7 in stock, not 10.*adjustStock/),
      }),
    ]);
    expect(await stockOf(local, productId)).toBe(7);

    const accepted = await graphql<{ putProduct: Product }>(PUT, { input: { ...input, stock: 7 } }, admin);
    expect(accepted.body.errors).toBeUndefined();
    expect(accepted.body.data!.putProduct).toMatchObject({ name: `${name} (edited)`, stock: 7, version: read.version + 1 });
  });

  it('keeps the version when stock moves, and refuses a stale expectedVersion naming both versions', async () => {
    const product = await aProduct(5);
    expect(product.version).toBe(1);
    await order(customer, product.productId);
    const input = productInput({ productId: product.productId, price: PRICE, stock: 4, package: PACKAGE });
    const edited = await graphql<{ putProduct: Product }>(PUT, { input, v: 1 }, admin);
    expect(edited.body.data?.putProduct).toMatchObject({ version: 2, stock: 4 });

    const stale = await graphql(PUT, { input: { ...input, name: 'Late edit' }, v: 1 }, admin);
    expect(stale.body.errors).toEqual([
      expect.objectContaining({ errorType: 'Conflict', message: expect.stringMatching(/version 2, not the expected version 1/) }),
    ]);
    expect(await stockOf(local, product.productId)).toBe(4);
  });

  it('answers version 0 and threshold 5 for a product written before versions (the demo catalog)', async () => {
    const response = await graphql<{ getProduct: Product }>(
      `
        query {
          getProduct(productId: "demo-books-01") {
            version
            lowStockThreshold
          }
        }
      `,
      {},
      guest,
    );
    expect(response.body).toEqual({ data: { getProduct: { version: 0, lowStockThreshold: 5 } } });
  });
});

describe('adjustStock', () => {
  it('moves the stock for a warehouse user, never below 0, and checks its input', async () => {
    const product = await aProduct(2);
    const added = await graphql(ADJUST, { id: product.productId, delta: 5, reason: 'Delivery from supplier' }, warehouse);
    expect(added.body).toEqual({ data: { adjustStock: { productId: product.productId, stock: 7, version: 1 } } });

    const below = await graphql(ADJUST, { id: product.productId, delta: -8, reason: 'Broken' }, admin);
    expect(below.body.errors).toEqual([
      expect.objectContaining({ errorType: 'Conflict', message: expect.stringContaining('has 7 in stock') }),
    ]);
    for (const delta of [0, 1_000_001, -1_000_001]) {
      const refused = await graphql(ADJUST, { id: product.productId, delta, reason: 'x' }, admin);
      expect(refused.body.errors, String(delta)).toEqual([expect.objectContaining({ errorType: 'BadRequest' })]);
    }
    const nonInteger = await graphql(ADJUST, { id: product.productId, delta: 1.5, reason: 'x' }, admin);
    expect(nonInteger.body.errors?.length).toBeGreaterThan(0);
    const noReason = await graphql(ADJUST, { id: product.productId, delta: 1, reason: '  ' }, admin);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ errorType: 'BadRequest' })]);
    const unknown = await graphql(ADJUST, { id: uniqueId('missing'), delta: 1, reason: 'x' }, admin);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ errorType: 'NotFound' })]);
    expect(await stockOf(local, product.productId)).toBe(7);
  });

  it('applies an idempotency key once, answering the same, and refuses it for another delta or product', async () => {
    const product = await aProduct(1);
    const other = await aProduct(1);
    const key = `adjust-${randomUUID()}`;
    const first = await graphql(ADJUST, { id: product.productId, delta: 4, reason: 'Recount', key }, admin);
    const again = await graphql(ADJUST, { id: product.productId, delta: 4, reason: 'Recount', key }, admin);
    expect(first.body).toEqual({ data: { adjustStock: { productId: product.productId, stock: 5, version: 1 } } });
    expect(again.body).toEqual(first.body);
    for (const variables of [
      { id: product.productId, delta: 3, reason: 'Recount', key },
      { id: other.productId, delta: 4, reason: 'Recount', key },
    ]) {
      const misused = await graphql(ADJUST, variables, admin);
      expect(misused.body.errors).toEqual([expect.objectContaining({ errorType: 'Conflict' })]);
    }
    expect([await stockOf(local, product.productId), await stockOf(local, other.productId)]).toEqual([5, 1]);
    expect((await allMovements(product.productId)).map((m) => m.delta)).toEqual([4, 1]);
  });

  it('denies customers and guests putProduct, deleteProduct, adjustStock and getStockMovements', async () => {
    const product = await aProduct(3);
    const operations: [string, string, Record<string, unknown>][] = [
      ['putProduct', PUT, { input: productInput({ productId: product.productId, stock: 3 }) }],
      ['deleteProduct', 'mutation ($id: ID!) { deleteProduct(productId: $id) { productId } }', { id: product.productId }],
      ['adjustStock', ADJUST, { id: product.productId, delta: 1, reason: 'x' }],
      ['getStockMovements', MOVEMENTS, { id: product.productId }],
    ];
    for (const caller of [customer, guest]) {
      for (const [field, query, variables] of operations) {
        const response = await graphql(query, variables, caller);
        expect(response.body.errors, field).toEqual([expect.objectContaining({ errorType: 'Unauthorized', path: [field] })]);
      }
    }
    expect(await stockOf(local, product.productId)).toBe(3);
  });
});

describe('the stock ledger', () => {
  it('keeps the stock exact under 20 concurrent adjustments and 20 concurrent orders, and sums to it', async () => {
    const product = await aProduct(20);
    const shoppers = await Promise.all(Array.from({ length: 20 }, (_, i) => createStoreUser(local, `stock-shopper-${i}`)));
    const results = await Promise.all([
      ...Array.from({ length: 20 }, () =>
        graphql(ADJUST, { id: product.productId, delta: 1, reason: 'Concurrent restock' }, warehouse).then((r) => r.body.errors),
      ),
      ...shoppers.map((shopper) => order(shopper.headers, product.productId).then(() => undefined)),
    ]);
    expect(results.filter((errors) => errors !== undefined)).toEqual([]);
    expect(await stockOf(local, product.productId)).toBe(20);

    const movements = await allMovements(product.productId);
    expect(movements).toHaveLength(41);
    expect(sum(movements)).toBe(20);
    expect(movements.filter((m) => m.reason === 'ORDER_PLACED')).toHaveLength(20);
    // Each movement's stockAfter follows from the one before it: no two read the same stock. The
    // ledger's order is by time, which each writer takes before its transaction commits, and by a
    // random id within one millisecond (a known gap: a per-product sequence would order them by
    // commit), so the chain is followed by stockAfter, the oldest candidate first.
    const oldestFirst = [...movements].reverse();
    let stock = 0;
    while (oldestFirst.length > 0) {
      const next = oldestFirst.findIndex((m) => m.stockAfter === stock + m.delta);
      expect(next, `a movement taking the stock from ${stock}`).toBeGreaterThanOrEqual(0);
      stock = oldestFirst.splice(next, 1)[0]!.stockAfter;
    }
    expect(stock).toBe(20);
  });

  it('lists an order’s and a cancellation’s movements newest first, with the order, the actor and the stock after', async () => {
    const shopper = await createStoreUser(local, 'stock-canceller');
    const product = await aProduct(6);
    const orderId = await order(shopper.headers, product.productId, 2);
    const cancelled = await moveOrder(local, shopper.headers, 'cancelOrder', orderId);
    expect(cancelled.body.errors).toBeUndefined();
    await expect.poll(() => stockOf(local, product.productId), SETTLED).toBe(6);

    const movements = await allMovements(product.productId, 2);
    expect(movements).toEqual([
      {
        productId: product.productId,
        delta: 2,
        reason: 'ORDER_RETURNED',
        orderId,
        actor: 'system',
        at: expect.any(String),
        stockAfter: 6,
      },
      {
        productId: product.productId,
        delta: -2,
        reason: 'ORDER_PLACED',
        orderId,
        actor: userIdOf(shopper.headers),
        at: expect.any(String),
        stockAfter: 4,
      },
      {
        productId: product.productId,
        delta: 6,
        reason: 'INITIAL',
        orderId: null,
        actor: userIdOf(admin),
        at: product.createdDate,
        stockAfter: 6,
      },
    ]);
    expect(movements.map((m) => m.at)).toEqual([...movements.map((m) => m.at)].sort().reverse());
  });

  it('refuses a nextToken it did not issue and a limit out of range', async () => {
    const product = await aProduct(1);
    const tampered = await graphql(MOVEMENTS, { id: product.productId, next: 'not-a-token' }, admin);
    expect(tampered.body.errors).toEqual([expect.objectContaining({ errorType: 'BadRequest' })]);
    const tooMany = await graphql(MOVEMENTS, { id: product.productId, limit: 101 }, admin);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ errorType: 'BadRequest' })]);
  });
});
