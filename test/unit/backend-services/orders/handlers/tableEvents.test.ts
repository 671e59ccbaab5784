import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBStreamEvent } from '../../../../../backend-services/platform/lambdaTypes.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LocalIam } from 'appsync-local/iam/principals.ts';
import { type RecordingBus, startRecordingBus } from '../../../../support/backend-services/recordingBus.ts';
import { orderInserted, orderModified, orderRemoved } from '../../../../support/backend-services/orderStreamRecords.ts';
import { anOrderItem } from '../../../../support/backend-services/orders.ts';
import { streamEvent } from '../../../../support/backend-services/streamRecords.ts';

const BUS = 'commerce-tests';
const order = anOrderItem('order-1', { idempotencyKey: 'key-1' });
const packaging = {
  ...order,
  status: 'PACKAGING' as const,
  previousStatus: 'NEW' as const,
  modifiedDate: '2026-01-02T00:00:00.000Z',
};

describe('orders table events', () => {
  const iam = new LocalIam();
  let bus: RecordingBus;
  let handler: (event: DynamoDBStreamEvent) => Promise<void>;

  beforeAll(async () => {
    bus = await startRecordingBus(iam, BUS);
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      ORDERS_TABLE: 'orders',
      IDEMPOTENCY_TABLE: 'idempotency',
      PRODUCTS_TABLE: 'products',
      CARTS_TABLE: 'carts',
      STOCK_MOVEMENTS_TABLE: 'stock-movements',
      PRODUCTS_API_URL: 'http://127.0.0.1:1/prod',
      DELIVERY_PRICING_API_URL: 'http://127.0.0.1:1/prod',
      PAYMENT_API_URL: 'http://127.0.0.1:1/prod',
      EVENT_BUS_NAME: BUS,
      EVENT_BUS_ENDPOINT: bus.proxy.url,
    });
    ({ handler } = await import('../../../../../backend-services/orders/handlers/tableEvents.ts'));
  });
  afterAll(async () => {
    await bus?.close();
  });

  it("publishes OrderCreated for an INSERT, with the contract's detail: no address, no idempotency key", async () => {
    const events = await bus.published(() => handler(streamEvent(orderInserted(order))));
    expect(events).toEqual([
      expect.objectContaining({
        source: 'ecommerce.orders',
        'detail-type': 'OrderCreated',
        time: '2026-01-01T00:00:00Z',
        detail: {
          orderId: 'order-1',
          userId: 'user-1',
          status: 'NEW',
          products: [
            { productId: 'p-1', quantity: 2, price: 2500 },
            { productId: 'p-2', quantity: 1, price: 900 },
          ],
          deliveryPrice: 1000,
          subtotal: 5900,
          total: 6900,
          createdDate: '2026-01-01T00:00:00.000Z',
          modifiedDate: '2026-01-01T00:00:00.000Z',
        },
      }),
    ]);
  });

  it('publishes OrderStatusChanged for a MODIFY of the status, with the previous status', async () => {
    const events = await bus.published(() => handler(streamEvent(orderModified(order, packaging))));
    expect(events.map((event) => [event['detail-type'], event.detail])).toEqual([
      [
        'OrderStatusChanged',
        {
          orderId: 'order-1',
          userId: 'user-1',
          status: 'PACKAGING',
          previousStatus: 'NEW',
          statusReason: null,
          modifiedDate: '2026-01-02T00:00:00.000Z',
          products: [
            { productId: 'p-1', quantity: 2 },
            { productId: 'p-2', quantity: 1 },
          ],
          total: 6900,
        },
      ],
    ]);
  });

  it('publishes nothing for a MODIFY that leaves the status, nor for a REMOVE', async () => {
    const requests = bus.proxy.requests();
    const events = await bus.published(() =>
      handler(
        streamEvent(
          orderModified(packaging, { ...packaging, modifiedDate: '2026-01-03T00:00:00.000Z' }),
          orderRemoved(packaging),
        ),
      ),
    );
    expect(events).toEqual([]);
    expect(bus.proxy.requests()).toBe(requests);
  });

  it('publishes a batch in stream order', async () => {
    const events = await bus.published(() =>
      handler(streamEvent(orderInserted(order), orderModified(order, packaging), orderInserted(anOrderItem('order-2')))),
    );
    expect(events.map((event) => [event['detail-type'], event.detail.orderId])).toEqual([
      ['OrderCreated', 'order-1'],
      ['OrderStatusChanged', 'order-1'],
      ['OrderCreated', 'order-2'],
    ]);
  });

  it('throws when PutEvents fails an entry, so that the batch is retried', async () => {
    bus.proxy.failEntries(true);
    try {
      await expect(handler(streamEvent(orderInserted(order)))).rejects.toThrow(/PutEvents failed 1 of 1 entries/);
    } finally {
      bus.proxy.failEntries(false);
    }
  });

  it('throws when a record lacks the image it needs', async () => {
    const record = orderModified(order, packaging);
    delete record.dynamodb.OldImage;
    await expect(handler(streamEvent(record))).rejects.toThrow(/has no OldImage/);
  });
});
