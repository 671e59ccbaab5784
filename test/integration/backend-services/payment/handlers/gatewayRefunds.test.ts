// Refunds of gateway payments through the live port: the Zalo Pay client against the gateway
// simulator, whose refunds are asynchronous here (processing for a minute of its clock, then
// done), over DynamoDB Local. refundOrder's route, and settlement refunding a paid gateway order
// that ended undelivered; each refund once at the gateway, however often asked and on what day.
import { randomBytes, randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LocalIam } from 'appsync-local/iam/principals.ts';
import { findFreePort } from 'appsync-local/ports.ts';
import type { Payment } from '../../../../../backend-services/payment/domain/payment.ts';
import type { EventBridgeEvent } from '../../../../../backend-services/platform/lambdaTypes.ts';
import { signedFetch, type SignedResponse } from '../../../../../backend-services/platform/signedFetch.ts';
import { type PaymentProviderServer, startPaymentProvider } from '../../../../../local/payment-provider/server.ts';
import { PAYMENTS_TABLE, REFUND_IDEMPOTENCY_TABLE } from '../../../../../system/tables.ts';
import { anOrderStatusChanged } from '../../../../support/backend-services/orderEvents.ts';
import { startPaymentService } from '../../../../support/backend-services/paymentService.ts';
import { credentialsOf, invokerRole, useRoleCredentials } from '../../../../support/backend-services/restApis.ts';
import { aPayment } from '../../../../support/backend-services/paymentStreamRecords.ts';
import { createTestTable, putItem, readItem, type TestTable } from '../../../../support/backend-services/testTables.ts';

const APP = { appId: 2553, key1: randomBytes(16).toString('hex'), key2: randomBytes(16).toString('hex') };
const REFUND_DELAY_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const SETTLED = { timeout: 10_000, interval: 50 };

describe('refunds of gateway payments (Zalo Pay simulator)', () => {
  const iam = new LocalIam();
  const api = invokerRole(iam, 'appsync-api');
  let simulator: PaymentProviderServer;
  let payments: TestTable;
  let service: RunningRestApi;
  let settle: (event: EventBridgeEvent) => Promise<void>;
  /** How far the simulator's clock is ahead of the real one. */
  let ahead = 0;

  beforeAll(async () => {
    const port = await findFreePort();
    let refundIdempotency: TestTable;
    [simulator, payments, refundIdempotency] = await Promise.all([
      startPaymentProvider({
        secretKey: 'sk_test',
        gateway: { ...APP, refundDelayMs: REFUND_DELAY_MS, callbackRetryDelayMs: 20, now: () => Date.now() + ahead },
      }),
      createTestTable(PAYMENTS_TABLE),
      createTestTable(REFUND_IDEMPOTENCY_TABLE),
    ]);
    service = await startPaymentService(
      iam,
      {
        payments,
        refundIdempotency,
        providerUrl: simulator.url,
        secretKey: 'sk_test',
        gateway: { ...APP, callbackUrl: `http://127.0.0.1:${port}/prod/payments/callback` },
      },
      port,
    );
    ({ handler: settle } = await import('../../../../../backend-services/payment/handlers/settlePayment.ts'));
  });
  afterAll(async () => {
    await service?.close();
    await simulator?.close();
  });
  afterEach(() => {
    ahead = 0;
    vi.restoreAllMocks();
  });

  const gateway = () => simulator.gateway!;
  const paymentOf = async (orderId: string) =>
    (await readItem(payments, { paymentToken: `gateway:${orderId}` })) as unknown as Payment;

  /** A gateway payment started for a new order and paid by the shopper: CAPTURED, with the gateway's transaction id. */
  async function aPaidGatewayOrder(amount: number): Promise<{ orderId: string; zpTransId: string }> {
    const orderId = `order-${randomUUID()}`;
    useRoleCredentials(invokerRole(iam, 'orders'));
    const started = await signedFetch(`${service.url}/payments/gateway`, {
      method: 'POST',
      region: LOCAL_REGION,
      body: { orderId, userId: 'user-1', amount, items: [{ productId: 'lamp', name: 'Desk Lamp', price: amount, quantity: 1 }] },
    });
    expect(started.status).toBe(200);
    gateway().pay((await paymentOf(orderId)).appTransId!);
    await expect.poll(async () => (await paymentOf(orderId)).status, SETTLED).toBe('CAPTURED');
    return { orderId, zpTransId: (await paymentOf(orderId)).gatewayTransId! };
  }

  function refund(orderId: string, idempotencyKey: string, amount?: number): Promise<SignedResponse> {
    return signedFetch(`${service.url}/payments/refund`, {
      method: 'POST',
      region: LOCAL_REGION,
      body: { orderId, amount, reason: 'Arrived damaged', idempotencyKey, requestedBy: 'admin-sub-1' },
      credentials: credentialsOf(api),
      retries: 0,
    });
  }

  const refundsAtGateway = (zpTransId: string) =>
    gateway()
      .refunds(zpTransId)
      .map(({ amount, status }) => ({ amount, status }));

  it('answers 503 while Zalo Pay processes a refund, and the same key then finds it done: PARTIALLY_REFUNDED, once', async () => {
    const { orderId, zpTransId } = await aPaidGatewayOrder(8000);
    const key = `key-${randomUUID()}`;
    expect(await refund(orderId, key, 3000)).toMatchObject({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE' } } });
    expect(refundsAtGateway(zpTransId)).toEqual([{ amount: 3000, status: 'PROCESSING' }]);
    const pending = await paymentOf(orderId);
    expect(pending).toMatchObject({ status: 'CAPTURED', refundedAmount: 0, refundableAmount: 5000 });
    const mRefundId = pending.refunds![key]!.refundId;
    expect(mRefundId).toMatch(/^\d{6}_2553_[0-9a-f]{16}$/);
    expect(gateway().refunds(zpTransId)[0]!.mRefundId).toBe(mRefundId);

    expect(await refund(orderId, key, 3000)).toMatchObject({ status: 503 });
    ahead = REFUND_DELAY_MS + 1000;
    const done = await refund(orderId, key, 3000);
    expect(done).toMatchObject({
      status: 200,
      body: { payment: { method: 'GATEWAY', status: 'PARTIALLY_REFUNDED', capturedAmount: 8000, refundedAmount: 3000 } },
    });
    expect(await refund(orderId, key, 3000)).toEqual(done);
    expect(refundsAtGateway(zpTransId)).toEqual([{ amount: 3000, status: 'SUCCESS' }]);
  });

  it('settles a refund left PENDING on another day by asking Zalo Pay how it stands, not by asking for it again', async () => {
    const { orderId, zpTransId } = await aPaidGatewayOrder(8000);
    const key = `key-${randomUUID()}`;
    expect((await refund(orderId, key)).status).toBe(503);
    // Tomorrow (GMT+7), Zalo Pay takes no m_refund_id dated today: only its query finds this one.
    ahead = DAY_MS;
    expect(await refund(orderId, key)).toMatchObject({
      status: 200,
      body: { payment: { status: 'REFUNDED', refundedAmount: 8000 } },
    });
    expect(refundsAtGateway(zpTransId)).toEqual([{ amount: 8000, status: 'SUCCESS' }]);
  });

  it('records a refund Zalo Pay refuses as FAILED, its amount refundable again: 409, and the same again for the key', async () => {
    const orderId = `order-${randomUUID()}`;
    // A payment recorded paid under a transaction the gateway does not know: it refuses the refund.
    await putItem(
      payments,
      aPayment({
        paymentToken: `gateway:${orderId}`,
        orderId,
        method: 'GATEWAY',
        amount: 8000,
        status: 'CAPTURED',
        capturedAmount: 8000,
        refundedAmount: 0,
        refundableAmount: 8000,
        gatewayTransId: '999000111',
      }),
    );
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const key = `key-${randomUUID()}`;
    const refused = await refund(orderId, key, 3000);
    expect(refused).toMatchObject({
      status: 409,
      body: { error: { code: 'CONFLICT', message: expect.stringMatching(/No paid transaction has this zp_trans_id/) } },
    });
    expect(await paymentOf(orderId)).toMatchObject({ status: 'CAPTURED', refundedAmount: 0, refundableAmount: 8000 });
    expect((await paymentOf(orderId)).refunds![key]).toMatchObject({ status: 'FAILED' });
    expect(await refund(orderId, key, 3000)).toEqual(refused);
  });

  it('refunds a paid gateway order in full, once, when it ends undelivered: the bus retries until Zalo Pay is done', async () => {
    const { orderId, zpTransId } = await aPaidGatewayOrder(6500);
    const cancelled = anOrderStatusChanged({ orderId, status: 'CANCELLED', previousStatus: 'NEW' });
    await expect(settle(cancelled)).rejects.toThrow(/still processing the refund/);
    expect(refundsAtGateway(zpTransId)).toEqual([{ amount: 6500, status: 'PROCESSING' }]);
    ahead = REFUND_DELAY_MS + 1000;
    await settle(cancelled);
    const refunded = await paymentOf(orderId);
    expect(refunded).toMatchObject({ status: 'REFUNDED', capturedAmount: 6500, refundedAmount: 6500, refundableAmount: 0 });
    expect(refunded.refunds!['release-CANCELLED']).toMatchObject({ status: 'SUCCEEDED', amount: 6500, requestedBy: 'system' });
    await settle(cancelled);
    expect(refundsAtGateway(zpTransId)).toEqual([{ amount: 6500, status: 'SUCCESS' }]);
  });
});
