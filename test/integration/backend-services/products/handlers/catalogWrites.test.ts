import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { createLocalDynamoDbClient, LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LocalIam, type LocalRole } from 'appsync-local/iam/principals.ts';
import { signedFetch } from '../../../../../backend-services/platform/signedFetch.ts';
import { MAX_PRICE } from '../../../../../domain/money.ts';
import type { StockMovementItem } from '../../../../../domain/stockMovement.ts';
import { createCatalogTable } from '../../../../support/backend-services/catalogTable.ts';
import { aProduct } from '../../../../support/backend-services/products.ts';
import {
  createStockTables,
  startProductsService,
  type StockTables,
} from '../../../../support/backend-services/productsService.ts';
import { credentialsOf, invokerRole } from '../../../../support/backend-services/restApis.ts';

const ADMIN = 'admin-sub';
const input = (productId: string, overrides: Record<string, unknown> = {}) => ({
  productId,
  name: ' Lamp ',
  category: 'home',
  price: 4900,
  stock: 10,
  package: { width: 1, length: 2, height: 3, weight: 4 },
  ...overrides,
});

describe('the products service’s catalog writes', () => {
  const iam = new LocalIam();
  let caller: LocalRole;
  let api: RunningRestApi;
  let stock: StockTables;
  let ids = 0;
  const nextId = () => `p-${(ids += 1)}`;

  beforeAll(async () => {
    caller = invokerRole(iam, 'caller');
    stock = await createStockTables();
    // An item written before versions and thresholds.
    api = await startProductsService(iam, await createCatalogTable([aProduct('legacy', { stock: 4 })]), stock);
  });
  afterAll(() => api?.close());

  const call = (method: 'POST' | 'DELETE', path: string, body?: unknown) =>
    signedFetch(`${api.url}${path}`, { method, region: LOCAL_REGION, body, credentials: credentialsOf(caller), retries: 0 });
  const put = (product: unknown, expectedVersion?: number) =>
    call('POST', '/products', { input: product, expectedVersion: expectedVersion ?? null, actor: ADMIN });
  const adjust = (productId: string, delta: unknown, extra: Record<string, unknown> = {}) =>
    call('POST', `/products/${productId}/stock-adjustments`, { delta, reason: 'Recount', actor: 'clerk', ...extra });
  const body = (response: { body: unknown }) => response.body as { product: Record<string, unknown> | null };

  async function movementsOf(productId: string): Promise<StockMovementItem[]> {
    const client = createLocalDynamoDbClient(stock.movements.dynamodbEndpoint);
    try {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: stock.movements.tableName,
          KeyConditionExpression: 'productId = :id',
          ExpressionAttributeValues: { ':id': { S: productId } },
          ConsistentRead: true,
        }),
      );
      return (Items ?? []).map((item) => unmarshall(item) as StockMovementItem);
    } finally {
      client.destroy();
    }
  }

  describe('POST /products', () => {
    it('creates a product at version 1 with the default threshold and its INITIAL movement', async () => {
      const productId = nextId();
      const response = await put(input(productId));
      expect(response.status).toBe(200);
      expect(body(response).product).toMatchObject({ productId, name: 'Lamp', stock: 10, version: 1, lowStockThreshold: 5 });
      expect(await movementsOf(productId)).toEqual([
        expect.objectContaining({ delta: 10, reason: 'INITIAL', actor: ADMIN, stockAfter: 10 }),
      ]);
    });

    it('generates an id when none is given', async () => {
      const response = await put({ ...input('x'), productId: null });
      expect(body(response).product?.productId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('replaces the fields of an existing product with its stored stock, one version up, writing no movement', async () => {
      const productId = nextId();
      await put(input(productId));
      const response = await put(input(productId, { name: 'Floor Lamp', lowStockThreshold: 0 }), 1);
      expect(body(response).product).toMatchObject({ name: 'Floor Lamp', stock: 10, version: 2, lowStockThreshold: 0 });
      expect(await movementsOf(productId)).toHaveLength(1);
    });

    it('refuses another stock on an existing product with 409 CONFLICT naming adjustStock', async () => {
      const productId = nextId();
      await put(input(productId));
      const response = await put(input(productId, { stock: 12 }));
      expect(response).toEqual({
        status: 409,
        body: { error: { code: 'CONFLICT', message: expect.stringMatching(/has 10 in stock, not 12.*adjustStock/) } },
      });
    });

    it('refuses a stale expectedVersion with 409 CONFLICT naming both versions, and one on a product that does not exist', async () => {
      const productId = nextId();
      await put(input(productId));
      await put(input(productId));
      const stale = await put(input(productId, { name: 'Late' }), 1);
      expect(stale.status).toBe(409);
      expect(JSON.stringify(stale.body)).toMatch(/version 2, not the expected version 1/);
      expect((await put(input(nextId()), 1)).status).toBe(409);
    });

    it('answers a product written before versions as version 0, and accepts expectedVersion 0 for it', async () => {
      const response = await put(input('legacy', { stock: 4 }), 0);
      expect(body(response).product).toMatchObject({ productId: 'legacy', version: 1 });
    });

    it('lists every problem in one 400 INVALID_INPUT', async () => {
      const response = await put(input('#cart', { name: ' ', price: -1, stock: 1.5, lowStockThreshold: -2, tags: [''] }));
      expect(response.status).toBe(400);
      expect((response.body as { error: { message: string } }).error.message).toBe(
        "Invalid product: productId must be 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit; name must not be blank; price must be at least 0, got -1; stock must be a whole number, got 1.5; tags must not be blank; lowStockThreshold must be at least 0, got -2.",
      );
    });

    it('accepts a price of MAX_PRICE and refuses one above it with 400 INVALID_INPUT, writing nothing', async () => {
      const top = await put(input(nextId(), { price: MAX_PRICE }));
      expect(body(top).product).toMatchObject({ price: MAX_PRICE });
      const productId = nextId();
      const over = await put(input(productId, { price: MAX_PRICE + 1 }));
      expect(over.status).toBe(400);
      expect(over.body).toEqual({
        error: {
          code: 'INVALID_INPUT',
          message: `Invalid product: price must be at most ${MAX_PRICE} (minor units), got ${MAX_PRICE + 1}.`,
        },
      });
      // Nothing was written: the next put creates the product, at version 1.
      expect(body(await put(input(productId))).product).toMatchObject({ productId, version: 1 });
    });
  });

  describe('DELETE /products/{productId}', () => {
    it('answers the product as it was and records its stock leaving; null when there is none', async () => {
      const productId = nextId();
      await put(input(productId));
      const deleted = await call('DELETE', `/products/${productId}?actor=${ADMIN}`);
      expect(body(deleted).product).toMatchObject({ productId, stock: 10, version: 1 });
      expect((await movementsOf(productId)).map((m) => [m.reason, m.delta, m.stockAfter])).toEqual(
        expect.arrayContaining([
          ['INITIAL', 10, 10],
          ['PRODUCT_DELETED', -10, 0],
        ]),
      );
      expect(await call('DELETE', `/products/${productId}?actor=${ADMIN}`)).toEqual({ status: 200, body: { product: null } });
    });
  });

  describe('POST /products/{productId}/stock-adjustments', () => {
    it('moves the stock, never below 0, and records each movement with its stockAfter', async () => {
      const productId = nextId();
      await put(input(productId, { stock: 3 }));
      expect(body(await adjust(productId, -3)).product).toMatchObject({ stock: 0, version: 1 });
      const below = await adjust(productId, -1);
      expect(below.status).toBe(409);
      expect(JSON.stringify(below.body)).toContain('has 0 in stock');
      expect((await movementsOf(productId)).map((m) => [m.reason, m.delta, m.actor, m.stockAfter])).toEqual([
        ['INITIAL', 3, ADMIN, 3],
        ['Recount', -3, 'clerk', 0],
      ]);
    });

    it.each([0, 1_000_001, 2.5, '3'])('refuses a delta of %j with 400 INVALID_INPUT', async (delta) => {
      expect((await adjust('legacy', delta)).status).toBe(400);
    });

    it('refuses a blank or over-long reason, and answers 404 NOT_FOUND for an unknown product', async () => {
      expect((await adjust('legacy', 1, { reason: ' ' })).status).toBe(400);
      expect((await adjust('legacy', 1, { reason: 'x'.repeat(201) })).status).toBe(400);
      expect((await adjust('nobody', 1)).status).toBe(404);
    });

    it('applies an idempotency key once and answers the same; another delta or product under it is 409', async () => {
      const [productId, other] = [nextId(), nextId()];
      await Promise.all([put(input(productId)), put(input(other))]);
      const first = await adjust(productId, 2, { idempotencyKey: `k-${productId}` });
      const again = await adjust(productId, 2, { idempotencyKey: `k-${productId}` });
      expect(again).toEqual(first);
      expect((await adjust(productId, 3, { idempotencyKey: `k-${productId}` })).status).toBe(409);
      expect((await adjust(other, 2, { idempotencyKey: `k-${productId}` })).status).toBe(409);
      expect(await movementsOf(productId)).toHaveLength(2);
    });

    it('keeps the stock and the ledger exact under 15 concurrent adjustments', async () => {
      const productId = nextId();
      await put(input(productId, { stock: 5 }));
      const deltas = Array.from({ length: 15 }, (_, i) => (i % 3 === 0 ? -1 : 2));
      const answers = await Promise.all(deltas.map((delta) => adjust(productId, delta)));
      expect(answers.map((answer) => answer.status)).toEqual(deltas.map(() => 200));
      const movements = await movementsOf(productId);
      const expected = 5 + deltas.reduce((a, b) => a + b, 0);
      expect(movements.reduce((total, m) => total + m.delta, 0)).toBe(expected);
      // Each movement's stockAfter follows from the one before it: no two read the same stock. The
      // listing is by time, taken before each transaction commits (a known gap: a per-product
      // sequence would order it by commit), so the chain is followed by stockAfter, from 0.
      const pending = [...movements];
      let stock = 0;
      while (pending.length > 0) {
        const next = pending.findIndex((movement) => movement.stockAfter === stock + movement.delta);
        expect(next, `a movement taking the stock from ${stock}`).toBeGreaterThanOrEqual(0);
        stock = pending.splice(next, 1)[0]!.stockAfter;
      }
      expect(stock).toBe(expected);
    });
  });
});
