import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventBridgeEvent } from '../../../../../backend-services/platform/lambdaTypes.ts';
import { compilePattern } from 'appsync-local/eventbridge/patterns/compile.ts';
import { matchesPattern } from 'appsync-local/eventbridge/patterns/match.ts';
import { findFreePort } from 'appsync-local/ports.ts';
import { EVENT_RULES } from '../../../../../system/events.ts';
import { PAYMENTS_TABLE } from '../../../../../system/tables.ts';
import { anOrderStatusChanged } from '../../../../support/backend-services/orderEvents.ts';
import { startTestPaymentProvider, type TestPaymentProvider } from '../../../../support/backend-services/paymentProvider.ts';
import { usePaymentEnvironment } from '../../../../support/backend-services/paymentService.ts';
import { aPayment } from '../../../../support/backend-services/paymentStreamRecords.ts';
import { createTestTable, putItem, readItem, type TestTable } from '../../../../support/backend-services/testTables.ts';

type Handler = (event: EventBridgeEvent) => Promise<void>;

const FAILURE_STATUSES = ['CANCELLED', 'PACKAGING_FAILED', 'DELIVERY_FAILED'] as const;

async function loadSettle(payments: TestTable, providerUrl: string, secretKey: string): Promise<Handler> {
  await usePaymentEnvironment({ payments, providerUrl, secretKey });
  return (await import('../../../../../backend-services/payment/handlers/settlePayment.ts')).handler;
}

let orders = 0;

describe('settlePayment', () => {
  let provider: TestPaymentProvider;
  let payments: TestTable;
  let settle: Handler;

  beforeAll(async () => {
    [provider, payments] = await Promise.all([startTestPaymentProvider(), createTestTable(PAYMENTS_TABLE)]);
    settle = await loadSettle(payments, provider.url, provider.secretKey);
  });
  afterAll(() => provider?.close());
  afterEach(() => vi.restoreAllMocks());

  /** An order's AUTHORIZED payment of `amount` on a token authorised for `authorised`. */
  async function anAuthorizedOrder(amount = 4200, authorised = 5000): Promise<{ orderId: string; paymentToken: string }> {
    orders += 1;
    const orderId = `order-${orders}`;
    const paymentToken = await provider.preauthorize(authorised);
    await putItem(payments, aPayment({ paymentToken, orderId, amount }));
    return { orderId, paymentToken };
  }

  /** Provider calls made while `run` runs, as `action` names (capture, cancel, …). */
  async function providerCalls(run: () => Promise<unknown>): Promise<string[]> {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    await run();
    const calls = fetchSpy.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith(provider.url));
    fetchSpy.mockRestore();
    return calls.map((url) => url.split('/').pop()!);
  }

  it('captures the order’s amount at the provider and records CAPTURED when the order is FULFILLED', async () => {
    const { orderId, paymentToken } = await anAuthorizedOrder(4200, 5000);
    await settle(anOrderStatusChanged({ orderId, status: 'FULFILLED', previousStatus: 'PACKAGED' }));
    expect(await provider.paymentAt(paymentToken)).toMatchObject({ status: 'CAPTURED', capturedAmount: 4200 });
    expect(await readItem(payments, { paymentToken })).toMatchObject({
      orderId,
      status: 'CAPTURED',
      capturedAmount: 4200,
      refundableAmount: 4200,
      modifiedDate: expect.not.stringMatching(/^2026-01-01T00:00:00/),
    });
  });

  it.each(FAILURE_STATUSES)('cancels at the provider and records RELEASED when the order is %s', async (status) => {
    const { orderId, paymentToken } = await anAuthorizedOrder();
    await settle(anOrderStatusChanged({ orderId, status }));
    expect(await provider.paymentAt(paymentToken)).toMatchObject({ status: 'CANCELLED', capturedAmount: 0 });
    expect(await readItem(payments, { paymentToken })).toMatchObject({
      status: 'RELEASED',
      capturedAmount: 0,
      refundableAmount: 0,
    });
  });

  it('captures once when FULFILLED comes twice', async () => {
    const { orderId, paymentToken } = await anAuthorizedOrder();
    const event = anOrderStatusChanged({ orderId, status: 'FULFILLED' });
    expect(await providerCalls(() => settle(event))).toEqual(['capture']);
    const recorded = await readItem(payments, { paymentToken });
    expect(await providerCalls(() => settle(event))).toEqual([]);
    expect(await readItem(payments, { paymentToken })).toEqual(recorded);
  });

  it('releases once when a failure status comes twice', async () => {
    const { orderId, paymentToken } = await anAuthorizedOrder();
    expect(await providerCalls(() => settle(anOrderStatusChanged({ orderId, status: 'PACKAGING_FAILED' })))).toEqual(['cancel']);
    const recorded = await readItem(payments, { paymentToken });
    expect(await providerCalls(() => settle(anOrderStatusChanged({ orderId, status: 'PACKAGING_FAILED' })))).toEqual([]);
    expect(await readItem(payments, { paymentToken })).toEqual(recorded);
  });

  it('ignores a late FULFILLED after the payment was RELEASED: nothing is captured', async () => {
    const { orderId, paymentToken } = await anAuthorizedOrder();
    await settle(anOrderStatusChanged({ orderId, status: 'CANCELLED' }));
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    expect(await providerCalls(() => settle(anOrderStatusChanged({ orderId, status: 'FULFILLED' })))).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/contradicts how its payment was settled already; ignored/), {
      orderId,
      orderStatus: 'FULFILLED',
      paymentStatus: 'RELEASED',
    });
    expect(await provider.paymentAt(paymentToken)).toMatchObject({ status: 'CANCELLED', capturedAmount: 0 });
    expect(await readItem(payments, { paymentToken })).toMatchObject({ status: 'RELEASED' });
  });

  it('ignores a failure status after the payment was CAPTURED: nothing is cancelled', async () => {
    const { orderId, paymentToken } = await anAuthorizedOrder();
    await settle(anOrderStatusChanged({ orderId, status: 'FULFILLED' }));
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    expect(await providerCalls(() => settle(anOrderStatusChanged({ orderId, status: 'DELIVERY_FAILED' })))).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/contradicts how its payment was settled already; ignored/), {
      orderId,
      orderStatus: 'DELIVERY_FAILED',
      paymentStatus: 'CAPTURED',
    });
    expect(await provider.paymentAt(paymentToken)).toMatchObject({ status: 'CAPTURED', capturedAmount: 4200 });
    expect(await readItem(payments, { paymentToken })).toMatchObject({ status: 'CAPTURED' });
  });

  it('settles one way when FULFILLED and CANCELLED race, and the retry of the loser changes nothing', async () => {
    const { orderId, paymentToken } = await anAuthorizedOrder();
    const events = [
      anOrderStatusChanged({ orderId, status: 'FULFILLED' }),
      anOrderStatusChanged({ orderId, status: 'CANCELLED' }),
    ];
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const results = await Promise.allSettled(events.map((event) => settle(event)));
    for (const [index, result] of results.entries()) if (result.status === 'rejected') await settle(events[index]!);
    const atProvider = (await provider.paymentAt(paymentToken)).status;
    const recorded = (await readItem(payments, { paymentToken }))?.status;
    expect([
      ['CAPTURED', 'CAPTURED'],
      ['CANCELLED', 'RELEASED'],
    ]).toContainEqual([atProvider, recorded]);
  });

  it('records CAPTURED when the provider captured already, as after a failure between the two writes', async () => {
    const { orderId, paymentToken } = await anAuthorizedOrder();
    provider.provider.capture(paymentToken, 4200);
    await settle(anOrderStatusChanged({ orderId, status: 'FULFILLED' }));
    expect(await readItem(payments, { paymentToken })).toMatchObject({ status: 'CAPTURED' });
  });

  it('throws, recording nothing, when the provider holds the token settled the other way', async () => {
    const { orderId, paymentToken } = await anAuthorizedOrder();
    provider.provider.cancel(paymentToken);
    await expect(settle(anOrderStatusChanged({ orderId, status: 'FULFILLED' }))).rejects.toThrow(
      /the provider shows it CANCELLED/,
    );
    expect(await readItem(payments, { paymentToken })).toMatchObject({ status: 'AUTHORIZED' });
  });

  it('throws, so that the bus retries, when the order’s payment is not found (yet)', async () => {
    await expect(settle(anOrderStatusChanged({ orderId: 'order-without-payment', status: 'FULFILLED' }))).rejects.toThrow(
      /No payment found for order order-without-payment/,
    );
  });

  it('does nothing for a status that settles no payment', async () => {
    const { orderId, paymentToken } = await anAuthorizedOrder();
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    expect(await providerCalls(() => settle(anOrderStatusChanged({ orderId, status: 'PACKAGED' })))).toEqual([]);
    expect(await readItem(payments, { paymentToken })).toMatchObject({ status: 'AUTHORIZED' });
  });

  it('throws on an event without an orderId', async () => {
    const event = anOrderStatusChanged({ orderId: '' });
    await expect(settle(event)).rejects.toThrow(/OrderStatusChanged event with an orderId/);
  });
});

describe('settlePayment when the provider cannot settle now', () => {
  let payments: TestTable;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    payments = await createTestTable(PAYMENTS_TABLE);
  });
  afterAll(() => Promise.all(closers.map((close) => close())));

  it('throws, recording nothing, when the provider cannot be reached, so that the bus retries', async () => {
    const settle = await loadSettle(payments, `http://127.0.0.1:${await findFreePort()}`, 'sk_test');
    await putItem(payments, aPayment({ paymentToken: 'pt_unreachable', orderId: 'order-unreachable' }));
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await expect(settle(anOrderStatusChanged({ orderId: 'order-unreachable', status: 'FULFILLED' }))).rejects.toThrow(
      /could not be reached/,
    );
    expect(await readItem(payments, { paymentToken: 'pt_unreachable' })).toMatchObject({ status: 'AUTHORIZED' });
  });

  it('records the settlement when the provider refuses it as invalid_state but shows it done already', async () => {
    // A provider stricter than the simulator: capturing a captured payment is a 409.
    const server = createServer((request, response) => {
      const body =
        request.method === 'GET'
          ? { status: 'CAPTURED', amount: 4200 }
          : { error: 'invalid_state', message: 'Already captured.' };
      response.writeHead(request.method === 'GET' ? 200 : 409, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const settle = await loadSettle(payments, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'sk_test');
    await putItem(payments, aPayment({ paymentToken: 'pt_strict', orderId: 'order-strict' }));
    await settle(anOrderStatusChanged({ orderId: 'order-strict', status: 'FULFILLED' }));
    expect(await readItem(payments, { paymentToken: 'pt_strict' })).toMatchObject({ status: 'CAPTURED' });
  });
});

describe('the settle-payments rule', () => {
  const rule = EVENT_RULES.find((candidate) => candidate.name === 'settle-payments')!;
  const pattern = compilePattern(rule.eventPattern);

  it('targets settlePayment', () => {
    expect(rule.targets).toEqual([
      expect.objectContaining({
        type: 'HANDLER',
        handler: expect.objectContaining({ module: 'backend-services/payment/handlers/settlePayment.ts' }),
      }),
    ]);
  });

  it.each(['FULFILLED', ...FAILURE_STATUSES])('delivers an order’s change to %s', (status) => {
    expect(matchesPattern(pattern, anOrderStatusChanged({ orderId: 'order-1', status }))).toBe(true);
  });

  it.each(['NEW', 'PACKAGED'])('never delivers an order’s change to %s', (status) => {
    expect(matchesPattern(pattern, anOrderStatusChanged({ orderId: 'order-1', status }))).toBe(false);
  });

  it.each(['FULFILLED', ...FAILURE_STATUSES])(
    'never delivers the change of a free order (total 0, no payment) to %s',
    (status) => {
      expect(matchesPattern(pattern, anOrderStatusChanged({ orderId: 'order-1', status, total: 0 }))).toBe(false);
    },
  );
});
