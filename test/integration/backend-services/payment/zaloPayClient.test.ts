import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createZaloPayClient,
  type CreateZaloPayOrder,
  type ZaloPayClient,
} from '../../../../backend-services/payment/clients/zaloPay.ts';
import { ServiceUnavailableError } from '../../../../backend-services/payment/errors.ts';
import { appTransIdFor, refundIdFor } from '../../../../backend-services/payment/gateway/zaloPayProtocol.ts';
import { observabilityOf } from '../../../../backend-services/platform/observability.ts';
import type { PaymentGateway } from '../../../../local/payment-provider/gateway.ts';
import { type PaymentProviderServer, startPaymentProvider } from '../../../../local/payment-provider/server.ts';

const APP = { appId: 2553, key1: 'client-test-key1-abcdef', key2: 'client-test-key2-ghijkl' };
const clock = { now: Date.now() };

let simulator: PaymentProviderServer;
let gateway: PaymentGateway;
let client: ZaloPayClient;
let sequence = 0;

beforeAll(async () => {
  simulator = await startPaymentProvider({
    secretKey: 'sk_test',
    gateway: { ...APP, now: () => clock.now, callbackRetries: 0 },
  });
  gateway = simulator.gateway!;
  client = createZaloPayClient({ url: `${simulator.url}/`, appId: APP.appId, key1: APP.key1 });
});

afterAll(() => simulator?.close());

afterEach(() => vi.restoreAllMocks());

function order(overrides: Partial<CreateZaloPayOrder> = {}): CreateZaloPayOrder {
  sequence += 1;
  return {
    appTransId: appTransIdFor(new Date(clock.now), `client${sequence}`),
    appUser: 'user-42',
    appTime: clock.now,
    amount: 120_000,
    items: [{ itemname: 'Coffee beans', itemprice: 120_000, itemquantity: 1 }],
    embedData: { redirecturl: 'https://shop.example/zalopay/return' },
    description: 'Order 42',
    // Nobody listens there: these tests read payments through the query API.
    callbackUrl: 'http://127.0.0.1:9/callback',
    expireDurationSeconds: 900,
    ...overrides,
  };
}

async function paid(amount = 120_000): Promise<{ appTransId: string; zpTransId: string }> {
  const created = order({ amount });
  expect((await client.createOrder(created)).kind).toBe('created');
  const { zpTransId } = gateway.pay(created.appTransId, { kind: 'drop' });
  return { appTransId: created.appTransId, zpTransId: String(zpTransId) };
}

const refundIdOf = (suffix: string) => refundIdFor(new Date(clock.now), APP.appId, suffix);

describe('createZaloPayClient: createOrder', () => {
  it('creates an order the shopper can pay at its orderUrl', async () => {
    const created = order();
    const result = await client.createOrder(created);
    expect(result).toEqual({
      kind: 'created',
      orderUrl: expect.stringMatching(new RegExp(`^${simulator.url}/pay/`)),
      zpTransToken: expect.any(String),
      orderToken: expect.any(String),
    });
    expect(gateway.order(created.appTransId)).toMatchObject({
      amount: 120_000,
      item: '[{"itemname":"Coffee beans","itemprice":120000,"itemquantity":1}]',
      embedData: '{"redirecturl":"https://shop.example/zalopay/return"}',
      description: 'Order 42',
    });
    const page = await (await fetch(result.kind === 'created' ? result.orderUrl : '')).text();
    expect(page).toContain('120.000 ₫');
  });

  it('answers the refusal of a repeated app_trans_id', async () => {
    const created = order();
    await client.createOrder(created);
    expect(await client.createOrder(created)).toEqual({
      kind: 'refused',
      returnCode: 2,
      subReturnCode: -68,
      message: expect.any(String),
    });
  });

  it('answers the refusal of a malformed order', async () => {
    expect(await client.createOrder(order({ expireDurationSeconds: 60 }))).toMatchObject({
      kind: 'refused',
      subReturnCode: -401,
    });
  });

  it('throws SERVICE_UNAVAILABLE when Zalo Pay refuses our key1, and never logs the key', async () => {
    const error = vi.spyOn(observabilityOf('payment').logger, 'error');
    const wrongKey = createZaloPayClient({ url: simulator.url, appId: APP.appId, key1: 'not-the-key1' });
    await expect(wrongKey.createOrder(order())).rejects.toThrow(ServiceUnavailableError);
    expect(error).toHaveBeenCalledWith('Zalo Pay is unavailable', {
      reason: expect.stringMatching(/-402.*check app_id and key1/),
    });
    expect(JSON.stringify(error.mock.calls)).not.toContain('not-the-key1');
  });
});

describe('createZaloPayClient: queryOrder', () => {
  it('answers pending before payment, paid after it', async () => {
    const created = order();
    await client.createOrder(created);
    expect(await client.queryOrder(created.appTransId)).toEqual({ kind: 'pending' });
    const { zpTransId } = gateway.pay(created.appTransId, { kind: 'drop' });
    expect(await client.queryOrder(created.appTransId)).toEqual({
      kind: 'paid',
      zpTransId: String(zpTransId),
      amount: 120_000,
      discountAmount: 0,
    });
  });

  it('answers failed when the shopper declined', async () => {
    const created = order();
    await client.createOrder(created);
    gateway.decline(created.appTransId);
    expect(await client.queryOrder(created.appTransId)).toMatchObject({ kind: 'failed', returnCode: 2, subReturnCode: -329 });
  });

  it('answers failed once the order expired unpaid', async () => {
    const created = order({ expireDurationSeconds: 300 });
    await client.createOrder(created);
    clock.now += 300_000;
    try {
      expect(await client.queryOrder(created.appTransId)).toMatchObject({ kind: 'failed', subReturnCode: -54 });
    } finally {
      clock.now -= 300_000;
    }
  });

  it('answers failed for an order Zalo Pay does not know', async () => {
    expect(await client.queryOrder(appTransIdFor(new Date(clock.now), 'never-created'))).toMatchObject({ kind: 'failed' });
  });
});

describe('createZaloPayClient: refund and queryRefund', () => {
  it('refunds a payment in full', async () => {
    const { zpTransId } = await paid();
    const refund = {
      mRefundId: refundIdOf(`full${sequence}`),
      zpTransId,
      amount: 120_000,
      description: 'Cancelled',
      timestamp: clock.now,
    };
    expect(await client.refund(refund)).toEqual({ kind: 'refunded', refundId: expect.stringMatching(/^\d+$/) });
    expect(await client.queryRefund(refund.mRefundId)).toEqual({ kind: 'refunded', refundId: undefined });
    expect(gateway.refunds(zpTransId)).toEqual([expect.objectContaining({ amount: 120_000, status: 'SUCCESS' })]);
  });

  it('refunds in parts, refuses more than was paid, and refunds an m_refund_id once', async () => {
    const { zpTransId } = await paid(10_000);
    const first = {
      mRefundId: refundIdOf(`part${sequence}a`),
      zpTransId,
      amount: 6_000,
      description: 'Part',
      timestamp: clock.now,
    };
    const firstResult = await client.refund(first);
    expect(firstResult.kind).toBe('refunded');
    expect(await client.refund(first)).toEqual(firstResult);
    const over = { ...first, mRefundId: refundIdOf(`part${sequence}b`), amount: 4_001 };
    expect(await client.refund(over)).toMatchObject({
      kind: 'refused',
      returnCode: 2,
      message: expect.stringContaining('above'),
    });
    expect(gateway.refunds(zpTransId).filter((refund) => refund.status === 'SUCCESS')).toHaveLength(1);
  });

  it('answers processing while Zalo Pay processes the refund', async () => {
    const slow = await startPaymentProvider({
      secretKey: 'sk',
      gateway: { ...APP, refundDelayMs: 60_000, now: () => clock.now },
    });
    try {
      const slowClient = createZaloPayClient({ url: slow.url, appId: APP.appId, key1: APP.key1 });
      const created = order();
      await slowClient.createOrder(created);
      const zpTransId = String(slow.gateway!.pay(created.appTransId, { kind: 'drop' }).zpTransId);
      const refund = {
        mRefundId: refundIdOf(`slow${sequence}`),
        zpTransId,
        amount: 1_000,
        description: 'Slow',
        timestamp: clock.now,
      };
      expect(await slowClient.refund(refund)).toMatchObject({ kind: 'processing', refundId: expect.any(String) });
      expect(await slowClient.queryRefund(refund.mRefundId)).toMatchObject({ kind: 'processing' });
    } finally {
      await slow.close();
    }
  });

  it('answers the refusal of an unknown m_refund_id', async () => {
    expect(await client.queryRefund(refundIdOf('unknown'))).toMatchObject({ kind: 'refused', returnCode: 2 });
  });
});

describe('createZaloPayClient: when Zalo Pay cannot be asked', () => {
  let stub: Server;
  let stubUrl = '';
  let listener: RequestListener = (_request, response) => response.end();

  beforeAll(async () => {
    stub = createServer((request, response) => listener(request, response));
    await new Promise<void>((done) => stub.listen(0, '127.0.0.1', done));
    stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((done) => stub.close(() => done())));

  const stubClient = () => createZaloPayClient({ url: stubUrl, appId: APP.appId, key1: APP.key1, timeoutMs: 200 });
  const answering = (status: number, body: string) => {
    listener = (_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body);
    };
  };

  it('throws SERVICE_UNAVAILABLE when nothing listens', async () => {
    const nowhere = createZaloPayClient({ url: 'http://127.0.0.1:9', appId: APP.appId, key1: APP.key1 });
    await expect(nowhere.queryOrder('x')).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', statusCode: 503 });
  });

  it('throws SERVICE_UNAVAILABLE when no answer comes within timeoutMs', async () => {
    listener = () => undefined;
    await expect(stubClient().queryOrder('x')).rejects.toThrow(ServiceUnavailableError);
  });

  it.each([
    ['a 5xx', 502, '{"return_code":1}'],
    ['a 4xx', 404, 'not found'],
    ['text that is not JSON', 200, '<html>'],
    ['JSON without a return_code', 200, '{"ok":true}'],
    ['a paid answer without zp_trans_id', 200, '{"return_code":1,"amount":5}'],
    ['Zalo Pay in maintenance', 200, '{"return_code":2,"sub_return_code":-999,"sub_return_message":"maintenance"}'],
    ['Zalo Pay rate-limiting', 200, '{"return_code":-429,"return_message":"limit"}'],
  ])('throws SERVICE_UNAVAILABLE for %s', async (_what, status, body) => {
    answering(status, body);
    await expect(stubClient().queryOrder('x')).rejects.toThrow(ServiceUnavailableError);
  });

  it('reads a paid answer whose zp_trans_id is text, and whose discount_amount is absent', async () => {
    answering(200, '{"return_code":1,"is_processing":false,"amount":5000,"zp_trans_id":"230512000007041"}');
    expect(await stubClient().queryOrder('x')).toEqual({
      kind: 'paid',
      zpTransId: '230512000007041',
      amount: 5000,
      discountAmount: 0,
    });
  });

  it('reads return_code 1 with is_processing true as pending', async () => {
    answering(200, '{"return_code":1,"is_processing":true,"amount":5000,"zp_trans_id":230512000007041}');
    expect(await stubClient().queryOrder('x')).toEqual({ kind: 'pending' });
  });

  it('sends a signed form', async () => {
    let seen: { type: string | undefined; body: string } | undefined;
    listener = (request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        seen = { type: request.headers['content-type'], body };
        response.end('{"return_code":3}');
      });
    };
    await stubClient().queryOrder('250210_abc');
    expect(seen?.type).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(seen?.body))).toEqual({
      app_id: '2553',
      app_trans_id: '250210_abc',
      mac: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });
});
