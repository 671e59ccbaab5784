import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventBridgeEvent } from '../../../../../backend-services/platform/lambdaTypes.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { compilePattern } from 'appsync-local/eventbridge/patterns/compile.ts';
import { matchesPattern } from 'appsync-local/eventbridge/patterns/match.ts';
import { EVENT_RULES } from '../../../../../system/events.ts';
import { STOCK_MOVEMENTS_TABLE, STOCK_RETURNS_TABLE } from '../../../../../system/tables.ts';
import { createCatalogTable } from '../../../../support/backend-services/catalogTable.ts';
import { anOrderStatusChanged } from '../../../../support/backend-services/orderEvents.ts';
import { aProduct } from '../../../../support/backend-services/products.ts';
import { createTestTable, deleteItem, readItem, type TestTable } from '../../../../support/backend-services/testTables.ts';

type Handler = (event: EventBridgeEvent) => Promise<void>;

describe('returnStock', () => {
  let products: TestTable;
  let stockReturns: TestTable;
  let returnStock: Handler;
  let orders = 0;

  beforeAll(async () => {
    const catalog = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => aProduct(id, { stock: 10 }));
    let movements: TestTable;
    [products, stockReturns, movements] = await Promise.all([
      createCatalogTable(catalog),
      createTestTable(STOCK_RETURNS_TABLE),
      createTestTable(STOCK_MOVEMENTS_TABLE),
    ]);
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      // Lambda gives every function its role's keys; DynamoDB Local takes any.
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      PRODUCTS_TABLE: products.tableName,
      STOCK_RETURNS_TABLE: stockReturns.tableName,
      STOCK_MOVEMENTS_TABLE: movements.tableName,
      STOCK_ADJUSTMENTS_TABLE: 'unused',
      DYNAMODB_ENDPOINT: products.dynamodbEndpoint,
      EVENT_BUS_NAME: 'commerce-tests',
    });
    vi.resetModules();
    ({ handler: returnStock } = await import('../../../../../backend-services/products/handlers/returnStock.ts'));
  });
  afterEach(() => vi.restoreAllMocks());

  const nextOrderId = () => `order-${(orders += 1)}`;
  const stockOf = async (productId: string) => (await readItem(products, { productId }))?.stock;

  it('returns each line’s quantity to stock and records the return in the ledger', async () => {
    const orderId = nextOrderId();
    await returnStock(
      anOrderStatusChanged({
        orderId,
        status: 'CANCELLED',
        products: [
          { productId: 'a', quantity: 2 },
          { productId: 'b', quantity: 3 },
        ],
      }),
    );
    expect([await stockOf('a'), await stockOf('b')]).toEqual([12, 13]);
    expect(await readItem(stockReturns, { orderId })).toEqual({
      orderId,
      products: [
        { productId: 'a', quantity: 2 },
        { productId: 'b', quantity: 3 },
      ],
      returnedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('sums the lines of a product named twice', async () => {
    await returnStock(
      anOrderStatusChanged({
        orderId: nextOrderId(),
        products: [
          { productId: 'c', quantity: 1 },
          { productId: 'c', quantity: 4 },
        ],
      }),
    );
    expect(await stockOf('c')).toBe(15);
  });

  it('returns the stock once when the same event comes twice, and once more for another failure of the same order', async () => {
    const orderId = nextOrderId();
    const event = anOrderStatusChanged({ orderId, status: 'PACKAGING_FAILED', products: [{ productId: 'd', quantity: 5 }] });
    const info = vi.spyOn(Logger.prototype, 'info').mockImplementation(() => undefined);
    await returnStock(event);
    const recorded = await readItem(stockReturns, { orderId });
    await returnStock(event);
    await returnStock(anOrderStatusChanged({ orderId, status: 'DELIVERY_FAILED', products: [{ productId: 'd', quantity: 5 }] }));
    expect(await stockOf('d')).toBe(15);
    expect(await readItem(stockReturns, { orderId })).toEqual(recorded);
    expect(info).toHaveBeenCalledWith(expect.stringMatching(/returned already; nothing changed/), { orderId });
  });

  it('returns the stock once when the same event is delivered twice at the same time', async () => {
    const event = anOrderStatusChanged({ orderId: nextOrderId(), products: [{ productId: 'e', quantity: 3 }] });
    vi.spyOn(Logger.prototype, 'info').mockImplementation(() => undefined);
    const results = await Promise.allSettled([returnStock(event), returnStock(event)]);
    // A TransactionConflict throws, and the bus retries the event.
    for (const result of results) if (result.status === 'rejected') await returnStock(event);
    expect(await stockOf('e')).toBe(13);
  });

  it('leaves out the line of a product deleted since, returns the rest, and notes it in the ledger', async () => {
    const orderId = nextOrderId();
    await deleteItem(products, { productId: 'f' });
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await returnStock(
      anOrderStatusChanged({
        orderId,
        products: [
          { productId: 'f', quantity: 2 },
          { productId: 'g', quantity: 1 },
        ],
      }),
    );
    expect(await readItem(products, { productId: 'f' })).toBeUndefined();
    expect(await stockOf('g')).toBe(11);
    expect(await readItem(stockReturns, { orderId })).toMatchObject({
      products: [{ productId: 'g', quantity: 1 }],
      skippedProducts: [{ productId: 'f', quantity: 2 }],
    });
  });

  it('records the return of an order whose products were all deleted, so that it is not tried again', async () => {
    const orderId = nextOrderId();
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await returnStock(anOrderStatusChanged({ orderId, products: [{ productId: 'gone', quantity: 2 }] }));
    expect(await readItem(products, { productId: 'gone' })).toBeUndefined();
    expect(await readItem(stockReturns, { orderId })).toMatchObject({
      products: [],
      skippedProducts: [{ productId: 'gone', quantity: 2 }],
    });
  });

  it('throws on a TransactionConflict, changing nothing, so that the bus retries', async () => {
    const orderId = nextOrderId();
    vi.spyOn(DynamoDBClient.prototype, 'send').mockRejectedValue(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }],
      }),
    );
    await expect(returnStock(anOrderStatusChanged({ orderId, products: [{ productId: 'h', quantity: 1 }] }))).rejects.toThrow(
      TransactionCanceledException,
    );
    vi.restoreAllMocks();
    expect(await stockOf('h')).toBe(10);
    expect(await readItem(stockReturns, { orderId })).toBeUndefined();
  });

  it('throws on an event without its lines', async () => {
    const event = anOrderStatusChanged({ orderId: nextOrderId() });
    await expect(returnStock({ ...event, detail: { ...event.detail, products: undefined } })).rejects.toThrow(
      /with an orderId and products/,
    );
  });
});

describe('the return-stock rule', () => {
  const rule = EVENT_RULES.find((candidate) => candidate.name === 'return-stock')!;
  const pattern = compilePattern(rule.eventPattern);

  it('targets returnStock', () => {
    expect(rule.targets).toEqual([
      expect.objectContaining({
        type: 'HANDLER',
        handler: expect.objectContaining({ module: 'backend-services/products/handlers/returnStock.ts' }),
      }),
    ]);
  });

  it.each(['CANCELLED', 'PACKAGING_FAILED', 'DELIVERY_FAILED'])('delivers an order’s change to %s', (status) => {
    expect(matchesPattern(pattern, anOrderStatusChanged({ orderId: 'order-1', status }))).toBe(true);
  });

  it.each(['NEW', 'PACKAGED', 'FULFILLED'])('never delivers an order’s change to %s', (status) => {
    expect(matchesPattern(pattern, anOrderStatusChanged({ orderId: 'order-1', status }))).toBe(false);
  });

  it('never delivers another source’s event of the same name', () => {
    expect(matchesPattern(pattern, { ...anOrderStatusChanged({ orderId: 'order-1' }), source: 'ecommerce.elsewhere' })).toBe(
      false,
    );
  });
});
