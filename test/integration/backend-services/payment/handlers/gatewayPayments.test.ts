// The payment service's gateway payments against the Zalo Pay simulator and DynamoDB Local: a
// payment started once per order, the public callback (MAC first, idempotent, amount and
// transaction checked), and the sweep that settles what no callback did.
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LocalIam } from 'appsync-local/iam/principals.ts';
import { findFreePort } from 'appsync-local/ports.ts';
import { callbackMac } from '../../../../../backend-services/payment/gateway/zaloPayProtocol.ts';
import { signedFetch } from '../../../../../backend-services/platform/signedFetch.ts';
import { PAYMENTS_TABLE } from '../../../../../system/tables.ts';
import { type PaymentProviderServer, startPaymentProvider } from '../../../../../local/payment-provider/server.ts';
import { invokerRole, useRoleCredentials } from '../../../../support/backend-services/restApis.ts';
import { startPaymentService } from '../../../../support/backend-services/paymentService.ts';
import { createTestTable, readItem, type TestTable } from '../../../../support/backend-services/testTables.ts';

const APP = { appId: 2553, key1: randomBytes(16).toString('hex'), key2: randomBytes(16).toString('hex') };
const TTL_SECONDS = 2;
const GRACE_SECONDS = 1;
const ITEMS = [{ productId: 'lamp', name: 'Desk Lamp', price: 4000, quantity: 1 }];

type PaymentAnswer = { payment: Record<string, unknown> };

describe('gateway payments (the payment service)', () => {
  const iam = new LocalIam();
  let simulator: PaymentProviderServer;
  let payments: TestTable;
  let api: RunningRestApi;
  let sweep: () => Promise<unknown>;

  beforeAll(async () => {
    const port = await findFreePort();
    [simulator, payments] = await Promise.all([
      startPaymentProvider({
        secretKey: 'sk_test',
        gateway: { ...APP, minExpireDurationSeconds: 1, callbackRetryDelayMs: 20 },
      }),
      createTestTable(PAYMENTS_TABLE),
    ]);
    api = await startPaymentService(
      iam,
      {
        payments,
        providerUrl: simulator.url,
        secretKey: 'sk_test',
        gateway: {
          ...APP,
          callbackUrl: `http://127.0.0.1:${port}/prod/payments/callback`,
          paymentTtlSeconds: TTL_SECONDS,
          sweepGraceSeconds: GRACE_SECONDS,
        },
      },
      port,
    );
    ({ handler: sweep } = await import('../../../../../backend-services/payment/handlers/sweepGatewayPayments.ts'));
  });
  afterAll(async () => {
    await api?.close();
    await simulator?.close();
  });

  const gateway = () => simulator.gateway!;

  async function start(orderId: string, amount = 4500): Promise<{ status: number; body: PaymentAnswer }> {
    useRoleCredentials(invokerRole(iam, 'orders'));
    const response = await signedFetch(`${api.url}/payments/gateway`, {
      method: 'POST',
      region: 'us-east-1',
      body: { orderId, userId: 'user-1', amount, items: ITEMS },
    });
    return response as { status: number; body: PaymentAnswer };
  }

  async function aPendingPayment(amount = 4500) {
    const orderId = `order-${randomUUID()}`;
    const { body } = await start(orderId, amount);
    const item = (await readItem(payments, { paymentToken: `gateway:${orderId}` }))!;
    return { orderId, payUrl: body.payment.payUrl as string, appTransId: item.appTransId as string };
  }

  const itemOf = (orderId: string) => readItem(payments, { paymentToken: `gateway:${orderId}` });

  async function postCallback(body: unknown): Promise<{ return_code: number; return_message: string }> {
    const response = await fetch(`${api.url}/payments/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { return_code: number; return_message: string };
  }

  /** A callback as the gateway would sign it (key2), for an order of ours or made up. */
  function forgedCallback(fields: { appTransId: string; orderId: string; amount: number }, key2 = APP.key2) {
    const data = JSON.stringify({
      app_id: APP.appId,
      app_trans_id: fields.appTransId,
      app_time: Date.now(),
      app_user: 'user-1',
      amount: fields.amount,
      embed_data: JSON.stringify({ orderId: fields.orderId }),
      item: '[]',
      zp_trans_id: 240000000001,
      server_time: Date.now(),
      channel: 38,
      merchant_user_id: 'zp-user',
      user_fee_amount: 0,
      discount_amount: 0,
    });
    return { data, mac: callbackMac(data, key2), type: 1 };
  }

  it('starts a gateway order for the amount and items, and answers the PENDING payment with its page and expiry', async () => {
    const orderId = `order-${randomUUID()}`;
    const before = Date.now();
    const { status, body } = await start(orderId, 4500);
    expect(status).toBe(200);
    expect(body.payment).toEqual({
      orderId,
      method: 'GATEWAY',
      status: 'PENDING',
      amount: 4500,
      capturedAmount: 0,
      refundedAmount: 0,
      payUrl: expect.stringMatching(new RegExp(`^${simulator.url}/pay/`)),
      expiresAt: expect.any(String),
      modifiedDate: expect.any(String),
    });
    const expiresIn = Date.parse(body.payment.expiresAt as string) - before;
    expect(expiresIn).toBeGreaterThanOrEqual(TTL_SECONDS * 1000 - 50);
    expect(expiresIn).toBeLessThan(TTL_SECONDS * 1000 + 5000);
    const item = (await itemOf(orderId))!;
    const order = gateway().order(item.appTransId as string)!;
    expect(order).toMatchObject({ amount: 4500 });
    expect(JSON.stringify(order)).toContain('Desk Lamp');
    expect(JSON.stringify(order)).toContain(orderId);
  });

  it('answers the same payment when started again for the order, without asking the gateway twice', async () => {
    const orderId = `order-${randomUUID()}`;
    const first = await start(orderId);
    const again = await start(orderId);
    expect(again.body).toEqual(first.body);
    const started = await Promise.all([1, 2, 3].map(() => start(orderId)));
    expect(started.map((answer) => answer.body)).toEqual([first.body, first.body, first.body]);
  });

  it('refuses a start for an order whose payment has another amount, changing nothing', async () => {
    const { orderId } = await aPendingPayment(4500);
    const item = await itemOf(orderId);
    const refused = await start(orderId, 9999);
    expect(refused.status).toBe(400);
    expect(await itemOf(orderId)).toEqual(item);
  });

  it('records the payment CAPTURED when the gateway calls back after the shopper paid', async () => {
    const { orderId, appTransId } = await aPendingPayment(4500);
    const paid = gateway().pay(appTransId);
    await gateway().callbacksSettled();
    expect(paid.callbacks).toEqual([expect.objectContaining({ macValid: true, status: 200, returnCode: 1 })]);
    const item = await itemOf(orderId);
    expect(item).toMatchObject({
      status: 'CAPTURED',
      capturedAmount: 4500,
      refundableAmount: 4500,
      gatewayTransId: String(paid.zpTransId),
      settledBy: 'callback',
    });
    expect(item).not.toHaveProperty('pendingGateway');
  });

  it('records it once when the callback comes five times at once, answering each as success', async () => {
    const { orderId, appTransId } = await aPendingPayment();
    const paid = gateway().pay(appTransId, { kind: 'times', count: 5 });
    await gateway().callbacksSettled();
    expect(paid.callbacks.map((attempt) => attempt.returnCode)).toEqual([1, 1, 1, 1, 1]);
    const item = await itemOf(orderId);
    expect(item).toMatchObject({ status: 'CAPTURED' });
    // A second write would have moved modifiedDate on; the same callback later changes nothing either.
    expect(await postCallback(forgedCallback({ appTransId, orderId, amount: 4500 }))).toMatchObject({ return_code: 1 });
    expect(await itemOf(orderId)).toEqual(item);
  });

  it('refuses a callback whose MAC does not verify, reading and writing nothing', async () => {
    const { orderId, appTransId } = await aPendingPayment();
    const item = await itemOf(orderId);
    const paid = gateway().pay(appTransId, { kind: 'bad-mac' });
    await gateway().callbacksSettled();
    expect(paid.callbacks).toEqual([expect.objectContaining({ macValid: false, returnCode: -1 })]);
    expect(await postCallback(forgedCallback({ appTransId, orderId, amount: 4500 }, 'not-key2'))).toEqual({
      return_code: -1,
      return_message: 'mac not equal',
    });
    expect(await itemOf(orderId)).toEqual(item);
  });

  it('refuses a callback with a malformed body or data, an unknown transaction, or another amount; the payment stays PENDING', async () => {
    const { orderId, appTransId } = await aPendingPayment(4500);
    const notJson = 'app_trans_id=1';
    expect((await postCallback(notJson)).return_code).not.toBe(1);
    const badData = { data: 'not json', mac: callbackMac('not json', APP.key2), type: 1 };
    expect((await postCallback(badData)).return_code).not.toBe(1);
    expect((await postCallback(forgedCallback({ appTransId: '991231_unknown', orderId, amount: 4500 }))).return_code).not.toBe(1);
    expect((await postCallback(forgedCallback({ appTransId, orderId: 'order-unknown', amount: 4500 }))).return_code).not.toBe(1);
    expect((await postCallback(forgedCallback({ appTransId, orderId, amount: 1 }))).return_code).not.toBe(1);
    const item = await itemOf(orderId);
    expect(item).toMatchObject({
      status: 'PENDING',
      rejectedCallbacks: 1,
      lastRejectedCallback: expect.objectContaining({ reason: 'AMOUNT_MISMATCH', amount: 1 }),
    });
  });

  describe('the sweep', () => {
    it('settles a payment whose callback was dropped, through the query API', async () => {
      const { orderId, appTransId } = await aPendingPayment();
      gateway().pay(appTransId, { kind: 'drop' });
      await sleep(GRACE_SECONDS * 1000 + 100);
      await sweep();
      expect(await itemOf(orderId)).toMatchObject({ status: 'CAPTURED', capturedAmount: 4500, settledBy: 'sweep' });
    });

    it('fails a payment the shopper declined, and leaves one not yet due alone', async () => {
      const declined = await aPendingPayment();
      gateway().decline(declined.appTransId);
      await sleep(GRACE_SECONDS * 1000 + 100);
      const fresh = await aPendingPayment();
      await sweep();
      expect(await itemOf(declined.orderId)).toMatchObject({ status: 'FAILED', failure: expect.stringMatching(/-329/) });
      expect(await itemOf(fresh.orderId)).toMatchObject({ status: 'PENDING' });
    });

    it('expires a payment never made once past its expiry', async () => {
      const { orderId } = await aPendingPayment();
      await sleep(TTL_SECONDS * 1000 + 200);
      await sweep();
      expect(await itemOf(orderId)).toMatchObject({ status: 'EXPIRED' });
      expect(await itemOf(orderId)).not.toHaveProperty('pendingGateway');
    });

    it('records a payment once when the sweep races a late callback', async () => {
      const { orderId, appTransId } = await aPendingPayment();
      const paid = gateway().pay(appTransId, { kind: 'late', lateMs: GRACE_SECONDS * 1000 + 150 });
      await sleep(GRACE_SECONDS * 1000 + 100);
      await sweep();
      await gateway().callbacksSettled();
      expect(paid.callbacks.map((attempt) => attempt.returnCode)).toEqual([1]);
      expect(await itemOf(orderId)).toMatchObject({ status: 'CAPTURED' });
    });
  });

  it('voids a PENDING gateway payment for an order never written, but never a paid one', async () => {
    useRoleCredentials(invokerRole(iam, 'orders'));
    const voidIt = (orderId: string) =>
      signedFetch(`${api.url}/payments/void`, { method: 'POST', region: 'us-east-1', body: { orderId, method: 'GATEWAY' } });
    const pending = await aPendingPayment();
    expect((await voidIt(pending.orderId)).body).toEqual({ voided: true });
    expect(await itemOf(pending.orderId)).toBeUndefined();
    const paid = await aPendingPayment();
    gateway().pay(paid.appTransId);
    await gateway().callbacksSettled();
    expect((await voidIt(paid.orderId)).body).toEqual({ voided: false });
    expect(await itemOf(paid.orderId)).toMatchObject({ status: 'CAPTURED' });
  });
});
