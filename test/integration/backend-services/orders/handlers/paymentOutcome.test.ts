import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventBridgeEvent } from '../../../../../backend-services/platform/lambdaTypes.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { compilePattern } from 'appsync-local/eventbridge/patterns/compile.ts';
import { matchesPattern } from 'appsync-local/eventbridge/patterns/match.ts';
import { EVENT_RULES } from '../../../../../system/events.ts';
import { ORDERS_TABLE } from '../../../../../system/tables.ts';
import { anOrderItem } from '../../../../support/backend-services/orders.ts';
import { createTestTable, putItem, readItem, type TestTable } from '../../../../support/backend-services/testTables.ts';

type Handler = (event: EventBridgeEvent) => Promise<void>;

function aPaymentEvent(detailType: string, orderId: string): EventBridgeEvent {
  return {
    id: randomUUID(),
    'detail-type': detailType,
    source: 'ecommerce.payment',
    time: '2026-01-02T00:00:00Z',
    detail: { orderId, userId: 'user-1', amount: 4200 },
  };
}

describe('paymentOutcome (the orders service)', () => {
  let orders: TestTable;
  let handle: Handler;

  beforeAll(async () => {
    orders = await createTestTable(ORDERS_TABLE);
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      DYNAMODB_ENDPOINT: orders.dynamodbEndpoint,
      ORDERS_TABLE: orders.tableName,
      IDEMPOTENCY_TABLE: 'unused',
      PRODUCTS_TABLE: 'unused',
      CARTS_TABLE: 'unused',
      STOCK_MOVEMENTS_TABLE: 'unused',
      PRODUCTS_API_URL: 'http://127.0.0.1:9',
      DELIVERY_PRICING_API_URL: 'http://127.0.0.1:9',
      PAYMENT_API_URL: 'http://127.0.0.1:9',
      EVENT_BUS_NAME: 'commerce-tests',
    });
    vi.resetModules();
    ({ handler: handle } = await import('../../../../../backend-services/orders/handlers/paymentOutcome.ts'));
  });

  async function anAwaitingOrder(): Promise<string> {
    const orderId = `order-${randomUUID()}`;
    await putItem(orders, anOrderItem(orderId, { status: 'AWAITING_PAYMENT' }));
    return orderId;
  }

  it('is the target of the settle-awaiting-orders rule for each gateway payment outcome, and of nothing else', () => {
    const rule = EVENT_RULES.find((candidate) => candidate.name === 'settle-awaiting-orders')!;
    const pattern = compilePattern(rule.eventPattern);
    for (const type of ['PaymentSucceeded', 'PaymentFailed', 'PaymentExpired']) {
      expect(matchesPattern(pattern, aPaymentEvent(type, 'o-1')), type).toBe(true);
    }
    for (const type of ['PaymentAuthorized', 'PaymentCaptured', 'PaymentReleased', 'PaymentRefunded']) {
      expect(matchesPattern(pattern, aPaymentEvent(type, 'o-1')), type).toBe(false);
    }
  });

  it('moves an order awaiting its payment to NEW when it succeeded', async () => {
    const orderId = await anAwaitingOrder();
    await handle(aPaymentEvent('PaymentSucceeded', orderId));
    const order = await readItem(orders, { orderId });
    expect(order).toMatchObject({ status: 'NEW', previousStatus: 'AWAITING_PAYMENT' });
    expect(order).not.toHaveProperty('statusReason');
  });

  it.each([
    ['PaymentFailed', 'PAYMENT_FAILED'],
    ['PaymentExpired', 'PAYMENT_EXPIRED'],
  ])('cancels an order awaiting its payment on %s, saying why', async (type, reason) => {
    const orderId = await anAwaitingOrder();
    await handle(aPaymentEvent(type, orderId));
    expect(await readItem(orders, { orderId })).toMatchObject({
      status: 'CANCELLED',
      previousStatus: 'AWAITING_PAYMENT',
      statusReason: reason,
    });
  });

  it('never moves an order backwards: a late failure after success, or the same event again, changes nothing', async () => {
    const orderId = await anAwaitingOrder();
    await handle(aPaymentEvent('PaymentSucceeded', orderId));
    const paid = await readItem(orders, { orderId });
    await handle(aPaymentEvent('PaymentSucceeded', orderId));
    await handle(aPaymentEvent('PaymentExpired', orderId));
    expect(await readItem(orders, { orderId })).toEqual(paid);
  });

  it('takes one step when the same outcome arrives five times at once', async () => {
    const orderId = await anAwaitingOrder();
    await Promise.all(Array.from({ length: 5 }, () => handle(aPaymentEvent('PaymentFailed', orderId))));
    expect(await readItem(orders, { orderId })).toMatchObject({ status: 'CANCELLED', statusReason: 'PAYMENT_FAILED' });
  });

  it('leaves alone an order that was never written (its checkout failed after the payment started)', async () => {
    const orderId = `order-${randomUUID()}`;
    await handle(aPaymentEvent('PaymentExpired', orderId));
    expect(await readItem(orders, { orderId })).toBeUndefined();
  });

  it('refuses an event without an order id, so that the bus retries and dead-letters it', async () => {
    const event = aPaymentEvent('PaymentSucceeded', 'x');
    await expect(handle({ ...event, detail: {} })).rejects.toThrow(/with an orderId/);
  });
});
