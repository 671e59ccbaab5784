import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  appTransIdFor,
  createOrderMac,
  queryOrderMac,
  queryRefundMac,
  redirectChecksum,
  refundIdFor,
  refundMac,
  verifyCallback,
} from '../../../../backend-services/payment/gateway/zaloPayProtocol.ts';
import type { GatewayOptions } from '../../../../local/payment-provider/gateway.ts';
import { type PaymentProviderServer, startPaymentProvider } from '../../../../local/payment-provider/server.ts';

const APP = { appId: 2553, key1: 'sim-key1-0123456789', key2: 'sim-key2-9876543210' };

/** A merchant's callback endpoint: records each body, answers as told (default: success). */
class Receiver {
  readonly bodies: unknown[] = [];
  answers: Array<{ status: number; body: unknown }> = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      request.on('end', () => {
        this.bodies.push(JSON.parse(text));
        const { status, body } = this.answers.shift() ?? { status: 200, body: { return_code: 1, return_message: 'success' } };
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/zalopay/callback`;
  }

  reset(): void {
    this.bodies.length = 0;
    this.answers = [];
  }

  close(): Promise<void> {
    return new Promise((done) => this.server?.close(() => done()) ?? done());
  }
}

interface Harness {
  server: PaymentProviderServer;
  clock: { now: number };
  post(path: string, fields: Record<string, string | number>, as?: 'form' | 'json'): Promise<Record<string, unknown>>;
  create(
    overrides?: Partial<Record<string, string | number>>,
    suffix?: string,
  ): Promise<{ appTransId: string; answer: Record<string, unknown> }>;
  query(appTransId: string): Promise<Record<string, unknown>>;
  refund(zpTransId: number, amount: number, mRefundId: string): Promise<Record<string, unknown>>;
  queryRefund(mRefundId: string): Promise<Record<string, unknown>>;
  admin(path: string, method?: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
}

let sequence = 0;

async function startHarness(receiver: Receiver, options: Partial<GatewayOptions> = {}): Promise<Harness> {
  const clock = { now: Date.now() };
  const server = await startPaymentProvider({
    secretKey: 'sk_test',
    gateway: { ...APP, callbackRetryDelayMs: 10, callbackTimeoutMs: 2_000, now: () => clock.now, ...options },
  });
  const post: Harness['post'] = async (path, fields, as = 'form') => {
    const text = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, String(value)]));
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': as === 'form' ? 'application/x-www-form-urlencoded' : 'application/json' },
      body: as === 'form' ? new URLSearchParams(text) : JSON.stringify(fields),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };
  return {
    server,
    clock,
    post,
    async create(overrides = {}, suffix = `order${(sequence += 1)}`) {
      const fields = {
        app_id: APP.appId,
        app_trans_id: appTransIdFor(new Date(clock.now), suffix),
        app_user: 'shopper-1',
        amount: 50_000,
        app_time: clock.now,
        embed_data: '{"redirecturl":"https://shop.example/zalopay/return"}',
        item: '[{"itemname":"Green tea","itemprice":25000,"itemquantity":2}]',
        ...overrides,
      } as {
        app_id: number;
        app_trans_id: string;
        app_user: string;
        amount: number;
        app_time: number;
        embed_data: string;
        item: string;
      };
      const mac = createOrderMac(fields, APP.key1);
      const answer = await post('/v2/create', {
        description: 'Order #1 <script>',
        callback_url: receiver.url,
        mac,
        ...fields,
        ...overrides,
      });
      return { appTransId: fields.app_trans_id, answer };
    },
    query: (appTransId) =>
      post('/v2/query', {
        app_id: APP.appId,
        app_trans_id: appTransId,
        mac: queryOrderMac({ app_id: APP.appId, app_trans_id: appTransId }, APP.key1),
      }),
    refund(zpTransId, amount, mRefundId) {
      const fields = { app_id: APP.appId, zp_trans_id: String(zpTransId), amount, description: 'Refund', timestamp: clock.now };
      return post('/v2/refund', { ...fields, m_refund_id: mRefundId, mac: refundMac(fields, APP.key1) });
    },
    queryRefund(mRefundId) {
      const fields = { app_id: APP.appId, m_refund_id: mRefundId, timestamp: clock.now };
      return post('/v2/query_refund', { ...fields, mac: queryRefundMac(fields, APP.key1) });
    },
    async admin(path, method = 'POST', body) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
  };
}

async function paidOrder(harness: Harness, body?: unknown): Promise<{ appTransId: string; zpTransId: number }> {
  const { appTransId } = await harness.create();
  const paid = await harness.admin(`/admin/gateway/orders/${appTransId}/pay`, 'POST', body);
  expect(paid.status).toBe(200);
  return { appTransId, zpTransId: (paid.body.order as { zpTransId: number }).zpTransId };
}

function refundId(harness: Harness, suffix: string): string {
  return refundIdFor(new Date(harness.clock.now), APP.appId, suffix);
}

const receiver = new Receiver();
let harness: Harness;

beforeAll(async () => {
  await receiver.start();
  harness = await startHarness(receiver);
});

afterEach(async () => {
  harness.server.gateway!.setFaults(undefined);
  await harness.server.gateway!.callbacksSettled();
  receiver.reset();
});

afterAll(async () => {
  await harness?.server.close();
  await receiver.close();
});

describe('gateway simulator: POST /v2/create', () => {
  it("creates an order whose order_url is the simulator's own pay page", async () => {
    const { answer } = await harness.create();
    expect(answer).toEqual({
      return_code: 1,
      return_message: expect.any(String),
      sub_return_code: 1,
      sub_return_message: expect.any(String),
      order_url: `${harness.server.url}/pay/${answer.zp_trans_token as string}`,
      zp_trans_token: expect.stringMatching(/^[\w-]{16,}$/),
      order_token: answer.zp_trans_token,
      qr_code: expect.any(String),
    });
  });

  it('takes a JSON body as well as a form', async () => {
    const appTransId = appTransIdFor(new Date(harness.clock.now), 'json-body');
    const fields = {
      app_id: APP.appId,
      app_trans_id: appTransId,
      app_user: 'u',
      amount: 1,
      app_time: harness.clock.now,
      embed_data: '{}',
      item: '[]',
    };
    const answer = await harness.post(
      '/v2/create',
      { ...fields, description: 'd', mac: createOrderMac(fields, APP.key1) },
      'json',
    );
    expect(answer.return_code).toBe(1);
  });

  it('refuses a wrong mac with -402, and creates nothing', async () => {
    const { appTransId, answer } = await harness.create({ mac: 'f'.repeat(64) });
    expect(answer).toMatchObject({ return_code: 2, sub_return_code: -402 });
    expect(harness.server.gateway!.order(appTransId)).toBeUndefined();
  });

  it('refuses another app_id with -402', async () => {
    expect((await harness.create({ app_id: 2554 })).answer).toMatchObject({ return_code: 2, sub_return_code: -402 });
  });

  it('refuses a second order with the same app_trans_id with -68', async () => {
    const first = await harness.create({}, 'duplicate-me');
    expect(first.answer.return_code).toBe(1);
    expect((await harness.create({}, 'duplicate-me')).answer).toMatchObject({ return_code: 2, sub_return_code: -68 });
  });

  it.each([
    ['amount 0', { amount: 0 }],
    ['a negative amount', { amount: -5 }],
    ['a fractional amount', { amount: 10.5 }],
    ['item that is not a JSON array', { item: '{}' }],
    ['embed_data that is not JSON', { embed_data: 'redirect' }],
    ['an app_user of 51 characters', { app_user: 'u'.repeat(51) }],
    ['expire_duration_seconds under 300', { expire_duration_seconds: 299 }],
    ['expire_duration_seconds over 2592000', { expire_duration_seconds: 2_592_001 }],
    ['a callback_url that is not http(s)', { callback_url: 'ftp://shop.example/cb' }],
  ])('refuses %s with -401', async (_what, overrides) => {
    expect((await harness.create(overrides)).answer).toMatchObject({ return_code: 2, sub_return_code: -401 });
  });

  it('refuses an app_trans_id that does not start with the date in Vietnam time', async () => {
    const yesterday = appTransIdFor(new Date(harness.clock.now - 86_400_000), 'stale');
    expect((await harness.create({ app_trans_id: yesterday })).answer).toMatchObject({ return_code: 2, sub_return_code: -401 });
  });

  it('refuses an app_trans_id of 41 characters', async () => {
    const long = `${appTransIdFor(new Date(harness.clock.now), 'x')}${'y'.repeat(33)}`;
    expect(long).toHaveLength(41);
    expect((await harness.create({ app_trans_id: long })).answer).toMatchObject({ return_code: 2, sub_return_code: -401 });
  });

  it('refuses a missing description, naming it', async () => {
    const { answer } = await harness.create({ description: '' });
    expect(answer).toMatchObject({
      return_code: 2,
      sub_return_code: -401,
      return_message: expect.stringContaining('description'),
    });
  });

  it('refuses an app_time more than 15 minutes away with -54', async () => {
    const { answer } = await harness.create({ app_time: harness.clock.now - 16 * 60_000 });
    expect(answer).toMatchObject({ return_code: 2, sub_return_code: -54 });
  });
});

describe('gateway simulator: the hosted pay page', () => {
  it('shows the amount in VND, the items, the description (escaped) and the Pay and Decline buttons', async () => {
    const { answer } = await harness.create();
    const response = await fetch(answer.order_url as string);
    const html = await response.text();
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('50.000 ₫');
    expect(html).toContain('Green tea × 2 — 25.000 ₫');
    expect(html).toContain('Order #1 &#60;script&#62;');
    expect(html).not.toContain('<script>');
    expect(html).toMatch(/<button type="submit" id="pay">Pay<\/button>/);
    expect(html).toMatch(/<button type="submit" id="decline">Decline<\/button>/);
    expect(html).not.toMatch(/<link|<img|src=/);
  });

  it('pays on Pay, then says Paid with the documented redirect back and its checksum', async () => {
    const { appTransId, answer } = await harness.create();
    const response = await fetch(answer.order_url as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=pay',
    });
    const html = await response.text();
    expect(html).toContain('<p id="result">Paid</p>');
    const href = /id="back" href="([^"]+)"/.exec(html)![1]!.replaceAll('&#38;', '&');
    const back = new URL(href);
    expect(back.origin + back.pathname).toBe('https://shop.example/zalopay/return');
    const query = Object.fromEntries(back.searchParams);
    expect(query).toMatchObject({ appid: '2553', apptransid: appTransId, amount: '50000', discountamount: '0', status: '1' });
    const fields = {
      appid: 2553,
      apptransid: appTransId,
      pmcid: Number(query.pmcid),
      bankcode: query.bankcode!,
      amount: 50_000,
      discountamount: 0,
      status: 1,
    };
    expect(query.checksum).toBe(redirectChecksum(fields, APP.key2));
    await harness.server.gateway!.callbacksSettled();
    expect(receiver.bodies).toHaveLength(1);
  });

  it('declines on Decline, says so, and the order cannot be paid afterwards', async () => {
    const { appTransId, answer } = await harness.create();
    const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    const declined = await fetch(answer.order_url as string, { ...form, body: 'action=decline' });
    expect(await declined.text()).toContain('<p id="result">Declined</p>');
    const again = await fetch(answer.order_url as string, { ...form, body: 'action=pay' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('This order was declined.');
    expect(harness.server.gateway!.order(appTransId)!.status).toBe('DECLINED');
  });

  it('shows a paid order as paid, without buttons', async () => {
    const { appTransId } = await paidOrder(harness);
    const token = harness.server.gateway!.order(appTransId)!.zpTransToken;
    const html = await (await fetch(`${harness.server.url}/pay/${token}`)).text();
    expect(html).toContain('This order was paid already.');
    expect(html).not.toContain('id="pay"');
  });

  it('answers 404 for an unknown token', async () => {
    expect((await fetch(`${harness.server.url}/pay/nope`)).status).toBe(404);
  });

  it('carries the fault switches of its query string into its forms', async () => {
    const { answer } = await harness.create();
    const html = await (await fetch(`${answer.order_url as string}?callback=times:2`)).text();
    expect(html).toContain('<input type="hidden" name="callback" value="times:2">');
    await fetch(answer.order_url as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=pay&callback=times%3A2',
    });
    await harness.server.gateway!.callbacksSettled();
    expect(receiver.bodies).toHaveLength(2);
  });

  it('refuses an unknown fault switch with 400', async () => {
    const { answer } = await harness.create();
    expect((await fetch(`${answer.order_url as string}?callback=explode`)).status).toBe(400);
  });
});

describe('gateway simulator: callbacks', () => {
  it('calls back on payment with the documented data, signed with key2', async () => {
    const { appTransId, zpTransId } = await paidOrder(harness);
    await harness.server.gateway!.callbacksSettled();
    expect(receiver.bodies).toHaveLength(1);
    const result = verifyCallback(receiver.bodies[0], APP.key2);
    expect(result).toEqual({
      kind: 'valid',
      type: 1,
      data: {
        app_id: APP.appId,
        app_trans_id: appTransId,
        app_time: expect.any(Number),
        app_user: 'shopper-1',
        amount: 50_000,
        embed_data: '{"redirecturl":"https://shop.example/zalopay/return"}',
        item: '[{"itemname":"Green tea","itemprice":25000,"itemquantity":2}]',
        zp_trans_id: zpTransId,
        server_time: expect.any(Number),
        channel: 38,
        merchant_user_id: expect.any(String),
        user_fee_amount: 0,
        discount_amount: 0,
      },
    });
  });

  it('does not call back when the payment is declined', async () => {
    const { appTransId } = await harness.create();
    expect((await harness.admin(`/admin/gateway/orders/${appTransId}/decline`)).status).toBe(200);
    await harness.server.gateway!.callbacksSettled();
    expect(receiver.bodies).toHaveLength(0);
  });

  it('calls back again, up to 3 more times, while the merchant asks it to (return_code 0)', async () => {
    receiver.answers = [
      { status: 200, body: { return_code: 0, return_message: 'busy' } },
      { status: 200, body: { return_code: 0, return_message: 'busy' } },
    ];
    const { appTransId } = await paidOrder(harness);
    await harness.server.gateway!.callbacksSettled();
    expect(receiver.bodies).toHaveLength(3);
    expect(harness.server.gateway!.order(appTransId)!.callbacks.map((attempt) => attempt.returnCode)).toEqual([0, 0, 1]);
  });

  it('gives up after 1 + 3 attempts when the merchant keeps failing', async () => {
    receiver.answers = Array.from({ length: 5 }, () => ({ status: 500, body: { error: 'down' } }));
    await paidOrder(harness);
    await harness.server.gateway!.callbacksSettled();
    expect(receiver.bodies).toHaveLength(4);
  });

  it('stops at a duplicate answer (return_code 2)', async () => {
    receiver.answers = [{ status: 200, body: { return_code: 2, return_message: 'already processed' } }];
    await paidOrder(harness);
    await harness.server.gateway!.callbacksSettled();
    expect(receiver.bodies).toHaveLength(1);
  });

  it('retries when nobody listens at callback_url', async () => {
    const { appTransId } = await harness.create({ callback_url: 'http://127.0.0.1:9/nobody' });
    await harness.admin(`/admin/gateway/orders/${appTransId}/pay`);
    await harness.server.gateway!.callbacksSettled();
    const attempts = harness.server.gateway!.order(appTransId)!.callbacks;
    expect(attempts).toHaveLength(4);
    expect(attempts.every((attempt) => attempt.error !== undefined)).toBe(true);
  });
});

describe('gateway simulator: fault switches', () => {
  it('drop: no callback at all, though the order is paid', async () => {
    const { appTransId } = await paidOrder(harness, { callback: 'drop' });
    await harness.server.gateway!.callbacksSettled();
    expect(receiver.bodies).toHaveLength(0);
    expect((await harness.query(appTransId)).return_code).toBe(1);
  });

  it('twice: the same callback, byte for byte, twice', async () => {
    await paidOrder(harness, { callback: 'twice' });
    await harness.server.gateway!.callbacksSettled();
    expect(receiver.bodies).toHaveLength(2);
    expect(receiver.bodies[1]).toEqual(receiver.bodies[0]);
  });

  it('times:N: N identical callbacks at once', async () => {
    await paidOrder(harness, { callback: 'times:5' });
    await harness.server.gateway!.callbacksSettled();
    expect(receiver.bodies).toHaveLength(5);
    expect(new Set(receiver.bodies.map((body) => JSON.stringify(body))).size).toBe(1);
  });

  it('late: the callback comes lateMs after the payment', async () => {
    await paidOrder(harness, { callback: 'late', lateMs: 300 });
    await sleep(100);
    expect(receiver.bodies).toHaveLength(0);
    await harness.server.gateway!.callbacksSettled();
    expect(receiver.bodies).toHaveLength(1);
  });

  it('bad-mac: one callback with a wrong mac, not sent again though the merchant refuses it', async () => {
    receiver.answers = [{ status: 200, body: { return_code: -1, return_message: 'mac not equal' } }];
    const { appTransId } = await paidOrder(harness, { callback: 'bad-mac' });
    await harness.server.gateway!.callbacksSettled();
    expect(receiver.bodies).toHaveLength(1);
    expect(verifyCallback(receiver.bodies[0], APP.key2)).toEqual({ kind: 'badMac' });
    expect(harness.server.gateway!.order(appTransId)!.callbacks).toEqual([expect.objectContaining({ macValid: false })]);
  });

  it('the admin switch applies to every following payment until it is deleted', async () => {
    expect(await harness.admin('/admin/gateway/faults', 'POST', { callback: 'twice' })).toEqual({
      status: 200,
      body: { faults: { callback: 'twice' } },
    });
    await paidOrder(harness);
    await paidOrder(harness);
    await harness.server.gateway!.callbacksSettled();
    expect(receiver.bodies).toHaveLength(4);
    expect((await harness.admin('/admin/gateway/faults', 'DELETE')).status).toBe(200);
    receiver.reset();
    await paidOrder(harness);
    await harness.server.gateway!.callbacksSettled();
    expect(receiver.bodies).toHaveLength(1);
  });

  it("an order's own switch wins over the admin switch", async () => {
    harness.server.gateway!.setFaults({ kind: 'drop' });
    await paidOrder(harness, { callback: 'times:3' });
    await harness.server.gateway!.callbacksSettled();
    expect(receiver.bodies).toHaveLength(3);
  });

  it('refuses a malformed admin switch with 400', async () => {
    expect((await harness.admin('/admin/gateway/faults', 'POST', { callback: 'times:0' })).status).toBe(400);
    expect((await harness.admin('/admin/gateway/faults', 'POST', { callback: 'late', lateMs: -1 })).status).toBe(400);
  });
});

describe('gateway simulator: admin orders', () => {
  it('answers 409 to paying a paid order, 404 to an unknown one', async () => {
    const { appTransId } = await paidOrder(harness);
    expect((await harness.admin(`/admin/gateway/orders/${appTransId}/pay`)).status).toBe(409);
    expect((await harness.admin('/admin/gateway/orders/991231_none/pay')).status).toBe(404);
  });

  it('shows an order with its callbacks', async () => {
    const { appTransId } = await paidOrder(harness);
    await harness.server.gateway!.callbacksSettled();
    const { body } = await harness.admin(`/admin/gateway/orders/${appTransId}`, 'GET');
    expect(body.order).toMatchObject({ appTransId, state: 'PAID', callbacks: [expect.objectContaining({ returnCode: 1 })] });
  });
});

describe('gateway simulator: POST /v2/query', () => {
  it('answers 3 (not yet paid) before payment, 1 with the payment after', async () => {
    const { appTransId } = await harness.create();
    expect(await harness.query(appTransId)).toMatchObject({ return_code: 3, is_processing: false, amount: 50_000 });
    await harness.admin(`/admin/gateway/orders/${appTransId}/pay`);
    const order = harness.server.gateway!.order(appTransId)!;
    expect(await harness.query(appTransId)).toMatchObject({
      return_code: 1,
      sub_return_code: 1,
      is_processing: false,
      amount: 50_000,
      discount_amount: 0,
      zp_trans_id: order.zpTransId,
      server_time: order.serverTime,
    });
  });

  it('answers 2 (-329) for a declined order', async () => {
    const { appTransId } = await harness.create();
    await harness.admin(`/admin/gateway/orders/${appTransId}/decline`);
    expect(await harness.query(appTransId)).toMatchObject({ return_code: 2, sub_return_code: -329 });
  });

  it('answers 2 for an unknown app_trans_id', async () => {
    expect((await harness.query(appTransIdFor(new Date(harness.clock.now), 'never-created'))).return_code).toBe(2);
  });

  it('refuses a wrong mac with -402', async () => {
    const { appTransId } = await harness.create();
    const answer = await harness.post('/v2/query', { app_id: APP.appId, app_trans_id: appTransId, mac: '0'.repeat(64) });
    expect(answer).toMatchObject({ return_code: 2, sub_return_code: -402 });
  });
});

describe('gateway simulator: expiry', () => {
  let expiring: Harness;
  beforeAll(async () => {
    expiring = await startHarness(receiver);
  });
  afterAll(() => expiring.server.close());

  it('answers 2 (-54) once an unpaid order has expired, and its page can no longer pay it', async () => {
    const { appTransId, answer } = await expiring.create({ expire_duration_seconds: 300 });
    expiring.clock.now += 299_000;
    expect((await expiring.query(appTransId)).return_code).toBe(3);
    expiring.clock.now += 1_000;
    expect(await expiring.query(appTransId)).toMatchObject({ return_code: 2, sub_return_code: -54 });
    const page = await (await fetch(answer.order_url as string)).text();
    expect(page).toContain('This order has expired');
    expect(page).not.toContain('id="pay"');
    expect((await expiring.admin(`/admin/gateway/orders/${appTransId}/pay`)).status).toBe(409);
  });

  it('expires after 15 minutes when the merchant gives no expire_duration_seconds', async () => {
    const { appTransId } = await expiring.create();
    expiring.clock.now += 15 * 60_000;
    expect((await expiring.query(appTransId)).sub_return_code).toBe(-54);
  });

  it('a paid order stays paid past its expiry', async () => {
    const { appTransId } = await paidOrder(expiring);
    expiring.clock.now += 3_600_000;
    expect((await expiring.query(appTransId)).return_code).toBe(1);
  });
});

describe('gateway simulator: POST /v2/refund and /v2/query_refund', () => {
  it('refunds the whole payment', async () => {
    const { zpTransId } = await paidOrder(harness);
    const answer = await harness.refund(zpTransId, 50_000, refundId(harness, 'full'));
    expect(answer).toMatchObject({ return_code: 1, refund_id: expect.any(Number) });
    expect(harness.server.gateway!.refunds(zpTransId)).toEqual([expect.objectContaining({ amount: 50_000, status: 'SUCCESS' })]);
  });

  it('refunds in parts, and refuses a part that would refund more than was paid', async () => {
    const { zpTransId } = await paidOrder(harness);
    expect((await harness.refund(zpTransId, 20_000, refundId(harness, 'part1'))).return_code).toBe(1);
    expect((await harness.refund(zpTransId, 30_000, refundId(harness, 'part2'))).return_code).toBe(1);
    const over = await harness.refund(zpTransId, 1, refundId(harness, 'part3'));
    expect(over).toMatchObject({ return_code: 2, return_message: expect.stringContaining('above the 50000 paid') });
    expect(harness.server.gateway!.refunds(zpTransId).map((refund) => refund.status)).toEqual(['SUCCESS', 'SUCCESS', 'FAILED']);
  });

  it('answers the same m_refund_id again as the first time, and refunds once', async () => {
    const { zpTransId } = await paidOrder(harness);
    const id = refundId(harness, 'again');
    const first = await harness.refund(zpTransId, 10_000, id);
    const second = await harness.refund(zpTransId, 10_000, id);
    expect(second).toEqual(first);
    expect(harness.server.gateway!.refunds(zpTransId)).toHaveLength(1);
  });

  it('refuses a refund of an unpaid transaction', async () => {
    const answer = await harness.refund(991_231_000_000_001, 1_000, refundId(harness, 'unpaid'));
    expect(answer).toMatchObject({ return_code: 2, return_message: expect.stringContaining('No paid transaction') });
  });

  it.each([
    ['without the app id', (h: Harness) => refundIdFor(new Date(h.clock.now), 2554, 'x')],
    ['dated yesterday', (h: Harness) => refundIdFor(new Date(h.clock.now - 86_400_000), APP.appId, 'x')],
    ['without a suffix', (h: Harness) => `${refundIdFor(new Date(h.clock.now), APP.appId, 'x').slice(0, -1)}`],
  ])('refuses an m_refund_id %s with -401', async (_what, id) => {
    const { zpTransId } = await paidOrder(harness);
    expect(await harness.refund(zpTransId, 1_000, id(harness))).toMatchObject({ return_code: 2, sub_return_code: -401 });
  });

  it('refuses amount 0 with -401', async () => {
    const { zpTransId } = await paidOrder(harness);
    expect(await harness.refund(zpTransId, 0, refundId(harness, 'zero'))).toMatchObject({
      return_code: 2,
      sub_return_code: -401,
    });
  });

  it('refuses a wrong mac with -402', async () => {
    const { zpTransId } = await paidOrder(harness);
    const fields = {
      app_id: APP.appId,
      zp_trans_id: String(zpTransId),
      amount: 1,
      description: 'x',
      timestamp: harness.clock.now,
    };
    const answer = await harness.post('/v2/refund', {
      ...fields,
      m_refund_id: refundId(harness, 'badmac'),
      mac: refundMac(fields, 'wrong'),
    });
    expect(answer).toMatchObject({ return_code: 2, sub_return_code: -402 });
  });

  it('query_refund answers a refund as it stands, without refund_id, and 2 for an unknown one', async () => {
    const { zpTransId } = await paidOrder(harness);
    const id = refundId(harness, 'queried');
    await harness.refund(zpTransId, 5_000, id);
    expect(await harness.queryRefund(id)).toEqual({
      return_code: 1,
      return_message: expect.any(String),
      sub_return_code: 1,
      sub_return_message: expect.any(String),
    });
    expect((await harness.queryRefund(refundId(harness, 'unknown'))).return_code).toBe(2);
  });

  it('with refundDelayMs, answers 3 (processing) until the refund settles', async () => {
    const slow = await startHarness(receiver, { refundDelayMs: 60_000 });
    try {
      const { zpTransId } = await paidOrder(slow);
      const id = refundId(slow, 'slow');
      expect(await slow.refund(zpTransId, 50_000, id)).toMatchObject({ return_code: 3, refund_id: expect.any(Number) });
      expect((await slow.queryRefund(id)).return_code).toBe(3);
      expect((await slow.refund(zpTransId, 1, refundId(slow, 'over'))).return_code).toBe(2);
      slow.clock.now += 60_000;
      expect((await slow.queryRefund(id)).return_code).toBe(1);
    } finally {
      await slow.server.close();
    }
  });
});

describe('gateway simulator: beside the card provider', () => {
  it('leaves the card provider answering on the same server', async () => {
    const response = await fetch(`${harness.server.url}/preauth`, {
      method: 'POST',
      body: JSON.stringify({ cardNumber: '4242424242424242', amount: 100 }),
    });
    expect(response.status).toBe(201);
    const unauthorised = await fetch(`${harness.server.url}/payments/pt_x`);
    expect(unauthorised.status).toBe(401);
  });
});
