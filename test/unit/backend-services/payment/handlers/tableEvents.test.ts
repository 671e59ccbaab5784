import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBStreamEvent } from '../../../../../backend-services/platform/lambdaTypes.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LocalIam } from 'appsync-local/iam/principals.ts';
import { type RecordingBus, startRecordingBus } from '../../../../support/backend-services/recordingBus.ts';
import {
  aPayment,
  aRefundRecord,
  paymentInserted,
  paymentModified,
  paymentRemoved,
} from '../../../../support/backend-services/paymentStreamRecords.ts';
import { streamEvent } from '../../../../support/backend-services/streamRecords.ts';

const BUS = 'commerce-tests';
const TOKEN = 'pt_must_never_travel_0042';
const authorized = aPayment({ paymentToken: TOKEN, orderId: 'order-1', userId: 'user-1', amount: 4200 });
const captured = { ...authorized, status: 'CAPTURED' as const, modifiedDate: '2026-01-03T00:00:00.000Z' };
const released = { ...authorized, status: 'RELEASED' as const, modifiedDate: '2026-01-03T00:00:00.000Z' };
const detail = { orderId: 'order-1', userId: 'user-1', amount: 4200 };

describe('payments table events', () => {
  const iam = new LocalIam();
  let bus: RecordingBus;
  let handler: (event: DynamoDBStreamEvent) => Promise<void>;

  beforeAll(async () => {
    bus = await startRecordingBus(iam, BUS);
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      PAYMENTS_TABLE: 'payments',
      REFUND_IDEMPOTENCY_TABLE: 'refund-idempotency',
      EVENT_BUS_NAME: BUS,
      EVENT_BUS_ENDPOINT: bus.proxy.url,
      PAYMENT_PROVIDER_URL: 'http://127.0.0.1:9',
      PAYMENT_SECRET_ID: 'commerce/payment',
      GATEWAY_URL: 'http://127.0.0.1:9',
      GATEWAY_APP_ID: '2553',
      GATEWAY_CALLBACK_URL: 'http://127.0.0.1:9/prod/payments/callback',
      GATEWAY_PAYMENT_TTL_SECONDS: '900',
      GATEWAY_SWEEP_GRACE_SECONDS: '60',
    });
    ({ handler } = await import('../../../../../backend-services/payment/handlers/tableEvents.ts'));
  });
  afterAll(async () => {
    await bus?.close();
  });

  it('publishes PaymentAuthorized with the order, user and amount for an INSERT', async () => {
    const events = await bus.published(() => handler(streamEvent(paymentInserted(authorized))));
    expect(events).toEqual([
      expect.objectContaining({
        source: 'ecommerce.payment',
        'detail-type': 'PaymentAuthorized',
        detail,
        resources: [],
        time: '2026-01-01T00:00:00Z',
      }),
    ]);
  });

  it('publishes PaymentCaptured for a MODIFY to CAPTURED and PaymentReleased for one to RELEASED', async () => {
    const events = await bus.published(() =>
      handler(streamEvent(paymentModified(authorized, captured), paymentModified(authorized, released))),
    );
    expect(events.map((event) => [event['detail-type'], event.detail])).toEqual([
      ['PaymentCaptured', detail],
      ['PaymentReleased', detail],
    ]);
  });

  it('publishes nothing when a gateway payment starts, then its outcome when it leaves PENDING', async () => {
    const pending = aPayment({ ...authorized, paymentToken: 'gateway:order-1', method: 'GATEWAY', status: 'PENDING' });
    const later = { modifiedDate: '2026-01-03T00:00:00.000Z' };
    const events = await bus.published(() =>
      handler(
        streamEvent(
          paymentInserted(pending),
          paymentModified(pending, { ...pending, ...later, status: 'CAPTURED', capturedAmount: 4200 }),
          paymentModified(pending, { ...pending, ...later, status: 'FAILED' }),
          paymentModified(pending, { ...pending, ...later, status: 'EXPIRED' }),
        ),
      ),
    );
    expect(events.map((event) => [event['detail-type'], event.detail])).toEqual([
      ['PaymentSucceeded', detail],
      ['PaymentFailed', detail],
      ['PaymentExpired', detail],
    ]);
  });

  it('publishes PaymentRefunded when refundedAmount grows, with or without a new status', async () => {
    const refundable = { ...captured, capturedAmount: 4200, refundedAmount: 0, refundableAmount: 4200, refunds: {} };
    const reserved = { ...refundable, refundableAmount: 3200, refunds: { first: aRefundRecord(1000, 'PENDING') } };
    const partly = {
      ...reserved,
      status: 'PARTIALLY_REFUNDED' as const,
      refundedAmount: 1000,
      refunds: { first: aRefundRecord(1000, 'SUCCEEDED') },
    };
    const reservedRest = { ...partly, refundableAmount: 0, refunds: { ...partly.refunds, rest: aRefundRecord(3200, 'PENDING') } };
    const whole = {
      ...reservedRest,
      status: 'REFUNDED' as const,
      refundedAmount: 4200,
      refunds: { ...partly.refunds, rest: aRefundRecord(3200, 'SUCCEEDED') },
    };
    const events = await bus.published(() =>
      handler(
        streamEvent(
          paymentModified(refundable, reserved),
          paymentModified(reserved, partly),
          paymentModified(partly, reservedRest),
          paymentModified(reservedRest, whole),
        ),
      ),
    );
    expect(events.map((event) => [event['detail-type'], event.detail])).toEqual([
      [
        'PaymentRefunded',
        { ...detail, amount: 1000, refundKey: 'first', refundedAmount: 1000, capturedAmount: 4200, status: 'PARTIALLY_REFUNDED' },
      ],
      [
        'PaymentRefunded',
        { ...detail, amount: 3200, refundKey: 'rest', refundedAmount: 4200, capturedAmount: 4200, status: 'REFUNDED' },
      ],
    ]);
    expect(JSON.stringify(events)).not.toContain(TOKEN);
  });

  it('publishes nothing for a MODIFY that leaves the status as it was', async () => {
    const requests = bus.proxy.requests();
    const events = await bus.published(() =>
      handler(streamEvent(paymentModified(captured, { ...captured, modifiedDate: '2026-01-04T00:00:00.000Z' }))),
    );
    expect(events).toEqual([]);
    expect(bus.proxy.requests()).toBe(requests);
  });

  it('publishes nothing for a REMOVE: a voided claim is no fact', async () => {
    const events = await bus.published(() => handler(streamEvent(paymentRemoved(authorized))));
    expect(events).toEqual([]);
  });

  it('never puts the payment token on the bus', async () => {
    const events = await bus.published(() =>
      handler(
        streamEvent(
          paymentInserted(authorized),
          paymentModified(authorized, captured),
          paymentModified(authorized, released),
          paymentRemoved(authorized),
        ),
      ),
    );
    expect(events).toHaveLength(3);
    expect(JSON.stringify(events)).not.toContain(TOKEN);
    expect(JSON.stringify(events)).not.toContain('paymentToken');
  });

  it('throws when PutEvents fails an entry, so that the batch is retried', async () => {
    bus.proxy.failEntries(true);
    try {
      await expect(handler(streamEvent(paymentInserted(authorized)))).rejects.toThrow(
        /PutEvents failed 1 of 1 entries on commerce-tests: PaymentAuthorized/,
      );
    } finally {
      bus.proxy.failEntries(false);
    }
  });
});
