import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBStreamEvent } from '../../../../../backend-services/platform/lambdaTypes.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LocalIam } from 'appsync-local/iam/principals.ts';
import { type RecordingBus, startRecordingBus } from '../../../../support/backend-services/recordingBus.ts';
import type { Product } from '../../../../../backend-services/products/domain/product.ts';
import { aPackage, aProduct } from '../../../../support/backend-services/products.ts';
import { inserted, modified, removed, streamEvent } from '../../../../support/backend-services/streamRecords.ts';

const BUS = 'commerce-tests';
const product = aProduct('p-1');

describe('products table events', () => {
  const iam = new LocalIam();
  let bus: RecordingBus;
  let handler: (event: DynamoDBStreamEvent) => Promise<void>;

  beforeAll(async () => {
    bus = await startRecordingBus(iam, BUS);
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      PRODUCTS_TABLE: 'products',
      STOCK_RETURNS_TABLE: 'stock-returns',
      STOCK_MOVEMENTS_TABLE: 'stock-movements',
      STOCK_ADJUSTMENTS_TABLE: 'stock-adjustments',
      EVENT_BUS_NAME: BUS,
      EVENT_BUS_ENDPOINT: bus.proxy.url,
    });
    ({ handler } = await import('../../../../../backend-services/products/handlers/tableEvents.ts'));
  });
  afterAll(async () => {
    await bus?.close();
  });

  it('publishes ProductCreated with the new product for an INSERT', async () => {
    const events = await bus.published(() => handler(streamEvent(inserted(product))));
    expect(events).toEqual([
      expect.objectContaining({
        source: 'ecommerce.products',
        'detail-type': 'ProductCreated',
        detail: { new: product },
        resources: [],
        time: '2026-01-01T00:00:00Z',
      }),
    ]);
  });

  it('publishes ProductModified with old, new and the changed top-level fields for a MODIFY', async () => {
    const changed = { ...product, price: 3900, package: aPackage(100, 200, 300, 450), description: undefined };
    const { description: _removed, ...withoutDescription } = changed;
    const events = await bus.published(() => handler(streamEvent(modified(product, withoutDescription))));
    expect(events.map((event) => [event['detail-type'], event.detail])).toEqual([
      ['ProductModified', { old: product, new: withoutDescription, changed: ['description', 'package', 'price'] }],
    ]);
  });

  it('publishes nothing for a MODIFY that changes nothing, whatever the order of map keys', async () => {
    const reordered = { ...product, package: { weight: 400, height: 300, length: 200, width: 100 } };
    const requests = bus.proxy.requests();
    const events = await bus.published(() => handler(streamEvent(modified(product, reordered))));
    expect(events).toEqual([]);
    expect(bus.proxy.requests()).toBe(requests);
  });

  it('publishes ProductDeleted with the old product for a REMOVE', async () => {
    const events = await bus.published(() => handler(streamEvent(removed(product))));
    expect(events.map((event) => [event['detail-type'], event.detail])).toEqual([['ProductDeleted', { old: product }]]);
  });

  it('publishes a batch in stream order, every event of a record together, at most 10 entries per PutEvents', async () => {
    const products = Array.from({ length: 23 }, (_, i) => aProduct(`bulk-${i}`));
    const requests = bus.proxy.requests();
    const events = await bus.published(() =>
      handler(streamEvent(...products.map((item) => inserted(item)), modified(products[0]!, { ...products[0]!, stock: 0 }))),
    );
    expect(
      events.map((event) => [event['detail-type'], event.detail['productId'] ?? (event.detail.new as Product).productId]),
    ).toEqual([
      ...products.map((item) => ['ProductCreated', item.productId]),
      ['ProductModified', 'bulk-0'],
      ['ProductStockChanged', 'bulk-0'],
      ['ProductOutOfStock', 'bulk-0'],
    ]);
    expect(bus.proxy.requests() - requests).toBe(3);
  });

  it('throws when PutEvents fails an entry, so that the batch is retried', async () => {
    bus.proxy.failEntries(true);
    try {
      await expect(handler(streamEvent(inserted(product), removed(product)))).rejects.toThrow(
        /PutEvents failed 2 of 2 entries on commerce-tests: ProductCreated: InternalFailure/,
      );
    } finally {
      bus.proxy.failEntries(false);
    }
  });

  it('throws when a record lacks the image it needs, rather than publish half a fact', async () => {
    const record = inserted(product);
    delete record.dynamodb.NewImage;
    await expect(handler(streamEvent(record))).rejects.toThrow(/has no NewImage/);
  });
});
