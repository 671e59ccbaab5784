// POST /payments/refund over DynamoDB Local and the card provider simulator, as the API calls it
// (SigV4, IAM): refunds and releases, each once at the provider however often and however
// concurrently asked; and the gateway's side of refundPayment over a fake port.
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LocalIam } from 'appsync-local/iam/principals.ts';
import type { Payment, PaymentStatus, RefundRecord } from '../../../../../backend-services/payment/domain/payment.ts';
import type {
  GatewayRefundAnswer,
  GatewayRefundRequest,
  RefundProviders,
} from '../../../../../backend-services/payment/refunds/refundPort.ts';
import { signedFetch, type SignedResponse } from '../../../../../backend-services/platform/signedFetch.ts';
import { PAYMENTS_TABLE, REFUND_IDEMPOTENCY_TABLE } from '../../../../../system/tables.ts';
import { startTestPaymentProvider, type TestPaymentProvider } from '../../../../support/backend-services/paymentProvider.ts';
import { startPaymentService } from '../../../../support/backend-services/paymentService.ts';
import { aPayment } from '../../../../support/backend-services/paymentStreamRecords.ts';
import { credentialsOf, invokerRole } from '../../../../support/backend-services/restApis.ts';
import { createTestTable, putItem, readItem, type TestTable } from '../../../../support/backend-services/testTables.ts';

const REASON = 'Damaged in transit';
let orders = 0;
let keys = 0;

const newKey = () => `key-${(keys += 1)}`;

describe('POST /payments/refund', () => {
  const iam = new LocalIam();
  const caller = invokerRole(iam, 'appsync-api');
  let provider: TestPaymentProvider;
  let payments: TestTable;
  let api: RunningRestApi;

  beforeAll(async () => {
    let refundIdempotency: TestTable;
    [provider, payments, refundIdempotency] = await Promise.all([
      startTestPaymentProvider(),
      createTestTable(PAYMENTS_TABLE),
      createTestTable(REFUND_IDEMPOTENCY_TABLE),
    ]);
    api = await startPaymentService(iam, {
      payments,
      refundIdempotency,
      providerUrl: provider.url,
      secretKey: provider.secretKey,
    });
  });
  afterAll(async () => {
    await api?.close();
    await provider?.close();
  });
  afterEach(() => vi.restoreAllMocks());

  function refund(body: { orderId: string; amount?: number; idempotencyKey: string; reason?: string }): Promise<SignedResponse> {
    return signedFetch(`${api.url}/payments/refund`, {
      method: 'POST',
      region: LOCAL_REGION,
      body: { reason: REASON, requestedBy: 'admin-sub-1', ...body },
      credentials: credentialsOf(caller),
      retries: 0,
    });
  }

  /** An order whose card payment of `amount` the provider captured, recorded as settlement records it. */
  async function aCapturedOrder(
    amount = 5000,
    overrides: Partial<Payment> = {},
  ): Promise<{ orderId: string; paymentToken: string }> {
    const orderId = `order-${(orders += 1)}`;
    const paymentToken = await provider.preauthorize(amount);
    provider.provider.capture(paymentToken, amount);
    await putItem(
      payments,
      aPayment({
        paymentToken,
        orderId,
        amount,
        method: 'CARD',
        status: 'CAPTURED',
        capturedAmount: amount,
        refundedAmount: 0,
        refundableAmount: amount,
        ...overrides,
      }),
    );
    return { orderId, paymentToken };
  }

  /** The refunds the provider made on the token, by amount. */
  const refundsAt = (paymentToken: string) => provider.provider.get(paymentToken).refunds.map((made) => made.amount);
  const recorded = async (paymentToken: string) => (await readItem(payments, { paymentToken })) as unknown as Payment;

  it('refunds all that is left when no amount is asked: REFUNDED, once at the provider', async () => {
    const { orderId, paymentToken } = await aCapturedOrder(5000);
    const key = newKey();
    const answer = await refund({ orderId, idempotencyKey: key });
    expect(answer).toEqual({
      status: 200,
      body: {
        payment: {
          orderId,
          method: 'CARD',
          status: 'REFUNDED',
          amount: 5000,
          capturedAmount: 5000,
          refundedAmount: 5000,
          payUrl: null,
          expiresAt: null,
          modifiedDate: expect.not.stringMatching(/^2026-01-01T00:00:00/),
        },
      },
    });
    expect(refundsAt(paymentToken)).toEqual([5000]);
    const payment = await recorded(paymentToken);
    expect(payment).toMatchObject({ refundedAmount: 5000, refundableAmount: 0, status: 'REFUNDED' });
    expect(payment.refunds![key]).toEqual({
      refundId: provider.provider.get(paymentToken).refunds[0]!.refundId,
      amount: 5000,
      reason: REASON,
      requestedBy: 'admin-sub-1',
      status: 'SUCCEEDED',
      createdDate: expect.any(String),
      modifiedDate: expect.any(String),
    });
  });

  it('refunds part: PARTIALLY_REFUNDED, the rest still refundable', async () => {
    const { orderId, paymentToken } = await aCapturedOrder(5000);
    const answer = await refund({ orderId, amount: 1500, idempotencyKey: newKey() });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ payment: { status: 'PARTIALLY_REFUNDED', capturedAmount: 5000, refundedAmount: 1500 } });
    expect(refundsAt(paymentToken)).toEqual([1500]);
    expect(await recorded(paymentToken)).toMatchObject({ refundedAmount: 1500, refundableAmount: 3500 });
  });

  it('refunds part, then the rest: REFUNDED, two refunds at the provider', async () => {
    const { orderId, paymentToken } = await aCapturedOrder(5000);
    expect((await refund({ orderId, amount: 1500, idempotencyKey: newKey() })).status).toBe(200);
    const rest = await refund({ orderId, idempotencyKey: newKey() });
    expect(rest.body).toMatchObject({ payment: { status: 'REFUNDED', refundedAmount: 5000 } });
    expect(refundsAt(paymentToken)).toEqual([1500, 3500]);
  });

  it('refuses more than is left with 400 INVALID_INPUT naming what is left, changing nothing', async () => {
    const { orderId, paymentToken } = await aCapturedOrder(5000);
    await refund({ orderId, amount: 1500, idempotencyKey: newKey() });
    const before = await recorded(paymentToken);
    expect(await refund({ orderId, amount: 3501, idempotencyKey: newKey() })).toEqual({
      status: 400,
      body: {
        error: {
          code: 'INVALID_INPUT',
          message: `amount must be 1 to 3500, what is left to refund on order ${orderId} (5000 captured, 1500 refunded); got 3501.`,
        },
      },
    });
    expect(refundsAt(paymentToken)).toEqual([1500]);
    expect(await recorded(paymentToken)).toEqual(before);
  });

  it('answers the same key twice the same, refunding once at the provider', async () => {
    const { orderId, paymentToken } = await aCapturedOrder(5000);
    const key = newKey();
    const first = await refund({ orderId, amount: 2000, idempotencyKey: key });
    const again = await refund({ orderId, amount: 2000, idempotencyKey: key });
    expect(first.status).toBe(200);
    expect(again).toEqual(first);
    expect(refundsAt(paymentToken)).toEqual([2000]);
  });

  it('refuses the same key with another amount, or for another order, with 409 CONFLICT', async () => {
    const { orderId, paymentToken } = await aCapturedOrder(5000);
    const other = await aCapturedOrder(5000);
    const key = newKey();
    await refund({ orderId, amount: 2000, idempotencyKey: key });
    expect(await refund({ orderId, amount: 2500, idempotencyKey: key })).toEqual({
      status: 409,
      body: {
        error: { code: 'CONFLICT', message: `The idempotency key ${key} was used to refund 2000 on order ${orderId}, not 2500.` },
      },
    });
    expect(await refund({ orderId, idempotencyKey: key })).toMatchObject({ status: 409 });
    expect(await refund({ orderId: other.orderId, amount: 2000, idempotencyKey: key })).toEqual({
      status: 409,
      body: { error: { code: 'CONFLICT', message: `The idempotency key ${key} was used for another order's refund.` } },
    });
    expect(refundsAt(paymentToken)).toEqual([2000]);
    expect(refundsAt(other.paymentToken)).toEqual([]);
  });

  it('releases an authorised, uncaptured card payment instead: cancelled at the provider, RELEASED', async () => {
    const orderId = `order-${(orders += 1)}`;
    const paymentToken = await provider.preauthorize(4200);
    await putItem(payments, aPayment({ paymentToken, orderId, amount: 4200, status: 'AUTHORIZED' }));
    expect(await refund({ orderId, amount: 1000, idempotencyKey: newKey() })).toMatchObject({
      status: 400,
      body: {
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(/released whole, so amount must be 4200 or absent/) },
      },
    });
    const key = newKey();
    const released = await refund({ orderId, idempotencyKey: key });
    expect(released.body).toMatchObject({ payment: { status: 'RELEASED', amount: 4200, capturedAmount: 0, refundedAmount: 0 } });
    expect(await provider.paymentAt(paymentToken)).toMatchObject({ status: 'CANCELLED', capturedAmount: 0 });
    expect(refundsAt(paymentToken)).toEqual([]);
    expect(await refund({ orderId, idempotencyKey: key })).toEqual(released);
    expect(await refund({ orderId, idempotencyKey: newKey() })).toMatchObject({
      status: 409,
      body: {
        error: { code: 'CONFLICT', message: `Order ${orderId}'s payment is RELEASED: there is nothing to refund or release.` },
      },
    });
  });

  it.each(['PENDING', 'FAILED', 'EXPIRED', 'RELEASED', 'REFUNDED'] as const)(
    'refuses a %s payment with 409 CONFLICT naming the status, asking the provider nothing',
    async (status: PaymentStatus) => {
      const orderId = `order-${(orders += 1)}`;
      const paymentToken = `pt_${status.toLowerCase()}_${orders}`;
      await putItem(payments, aPayment({ paymentToken, orderId, status, amount: 3000 }));
      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      expect(await refund({ orderId, idempotencyKey: newKey() })).toEqual({
        status: 409,
        body: {
          error: { code: 'CONFLICT', message: `Order ${orderId}'s payment is ${status}: there is nothing to refund or release.` },
        },
      });
      expect(fetchSpy.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith(provider.url))).toEqual([]);
    },
  );

  it('answers 404 NOT_FOUND for an order without a payment', async () => {
    expect(await refund({ orderId: 'order-unknown', idempotencyKey: newKey() })).toEqual({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'No payment is known for order order-unknown.' } },
    });
  });

  it('refunds a payment written before refunds existed, from its status', async () => {
    const orderId = `order-${(orders += 1)}`;
    const paymentToken = await provider.preauthorize(3000);
    provider.provider.capture(paymentToken, 3000);
    await putItem(payments, aPayment({ paymentToken, orderId, amount: 3000, status: 'CAPTURED' }));
    const answer = await refund({ orderId, amount: 1000, idempotencyKey: newKey() });
    expect(answer.body).toMatchObject({ payment: { status: 'PARTIALLY_REFUNDED', capturedAmount: 3000, refundedAmount: 1000 } });
    expect(await recorded(paymentToken)).toMatchObject({ capturedAmount: 3000, refundedAmount: 1000, refundableAmount: 2000 });
    expect(refundsAt(paymentToken)).toEqual([1000]);
  });

  it('answers 503 when the provider does not answer, keeps the refund PENDING, and the retry with the key completes it once', async () => {
    const { orderId, paymentToken } = await aCapturedOrder(5000);
    const key = newKey();
    const realFetch = globalThis.fetch;
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const fetchSpy = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementation((input, init) =>
        String(input).startsWith(provider.url) ? Promise.reject(new TypeError('fetch failed')) : realFetch(input, init),
      );
    expect(await refund({ orderId, amount: 2000, idempotencyKey: key })).toEqual({
      status: 503,
      body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'The payment provider could not be reached; try again shortly.' } },
    });
    expect(refundsAt(paymentToken)).toEqual([]);
    const pending = await recorded(paymentToken);
    expect(pending).toMatchObject({ status: 'CAPTURED', refundedAmount: 0, refundableAmount: 3000 });
    expect(pending.refunds![key]).toMatchObject({ status: 'PENDING', amount: 2000 });

    fetchSpy.mockRestore();
    const retried = await refund({ orderId, amount: 2000, idempotencyKey: key });
    expect(retried.body).toMatchObject({ payment: { status: 'PARTIALLY_REFUNDED', refundedAmount: 2000 } });
    expect(refundsAt(paymentToken)).toEqual([2000]);
    expect(provider.provider.get(paymentToken).refunds[0]!.refundId).toBe(pending.refunds![key]!.refundId);
    expect(await refund({ orderId, amount: 2000, idempotencyKey: key })).toEqual(retried);
    expect(refundsAt(paymentToken)).toEqual([2000]);
  });

  it('refunds once when the provider refunded but its answer was lost: the retry finds the refund done', async () => {
    const { orderId, paymentToken } = await aCapturedOrder(5000);
    const key = newKey();
    const realFetch = globalThis.fetch;
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const response = await realFetch(input, init);
      if (String(input).startsWith(provider.url)) throw new TypeError('fetch failed: socket hang up');
      return response;
    });
    expect((await refund({ orderId, idempotencyKey: key })).status).toBe(503);
    expect(refundsAt(paymentToken)).toEqual([5000]);
    vi.mocked(globalThis.fetch).mockRestore();
    expect((await refund({ orderId, idempotencyKey: key })).body).toMatchObject({
      payment: { status: 'REFUNDED', refundedAmount: 5000 },
    });
    expect(refundsAt(paymentToken)).toEqual([5000]);
  });

  it('records a refund the provider refuses as FAILED, answers 409, and makes its amount refundable again', async () => {
    // Recorded CAPTURED here, while the provider holds it only authorised: the provider refuses.
    const orderId = `order-${(orders += 1)}`;
    const paymentToken = await provider.preauthorize(5000);
    await putItem(
      payments,
      aPayment({
        paymentToken,
        orderId,
        amount: 5000,
        status: 'CAPTURED',
        capturedAmount: 5000,
        refundedAmount: 0,
        refundableAmount: 5000,
      }),
    );
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const key = newKey();
    const refused = await refund({ orderId, amount: 1000, idempotencyKey: key });
    expect(refused).toEqual({
      status: 409,
      body: {
        error: {
          code: 'CONFLICT',
          message: `The provider refused the refund under the idempotency key ${key} on order ${orderId}: The payment is AUTHORIZED; only a captured payment can be refunded. (invalid_state).`,
        },
      },
    });
    const payment = await recorded(paymentToken);
    expect(payment).toMatchObject({ status: 'CAPTURED', refundedAmount: 0, refundableAmount: 5000 });
    expect(payment.refunds![key]).toMatchObject({ status: 'FAILED', failure: expect.stringMatching(/invalid_state/) });
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    expect(await refund({ orderId, amount: 1000, idempotencyKey: key })).toEqual(refused);
    expect(fetchSpy.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith(provider.url))).toEqual([]);
  });

  /** The refund calls made to the provider while `run` runs. */
  async function providerRefundCalls<T>(run: () => Promise<T>): Promise<{ result: T; calls: number }> {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const result = await run();
    const calls = fetchSpy.mock.calls.filter(([url]) => String(url).startsWith(provider.url) && String(url).endsWith('/refund'));
    fetchSpy.mockRestore();
    return { result, calls: calls.length };
  }

  it('lets at most three of ten concurrent 30% refunds through, asking the provider for no more than was captured', async () => {
    const { orderId, paymentToken } = await aCapturedOrder(10_000);
    const { result: answers, calls } = await providerRefundCalls(() =>
      Promise.all(Array.from({ length: 10 }, () => refund({ orderId, amount: 3000, idempotencyKey: newKey() }))),
    );
    const statuses = answers.map((answer) => answer.status);
    const succeeded = statuses.filter((status) => status === 200).length;
    expect(succeeded).toBeGreaterThanOrEqual(1);
    expect(succeeded).toBeLessThanOrEqual(3);
    expect(statuses.filter((status) => status !== 200).every((status) => status === 400 || status === 409)).toBe(true);
    // Reserved before the provider is asked: it is never asked for what would go past the captured amount.
    expect(calls).toBe(succeeded);
    const atProvider = refundsAt(paymentToken);
    expect(atProvider.reduce((sum, amount) => sum + amount, 0)).toBeLessThanOrEqual(10_000);
    expect(atProvider).toHaveLength(succeeded);
    const payment = await recorded(paymentToken);
    expect(payment.refundedAmount).toBe(3000 * succeeded);
    expect(payment.refundableAmount).toBe(10_000 - 3000 * succeeded);
    expect(Object.values(payment.refunds!).map((record: RefundRecord) => record.status)).toEqual(
      Array(succeeded).fill('SUCCEEDED'),
    );
  });

  it('ends REFUNDED when concurrent refunds together give back all that was captured', async () => {
    const { orderId, paymentToken } = await aCapturedOrder(6000);
    const answers = await Promise.all([1, 2, 3].map(() => refund({ orderId, amount: 2000, idempotencyKey: newKey() })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(await recorded(paymentToken)).toMatchObject({ status: 'REFUNDED', refundedAmount: 6000, refundableAmount: 0 });
  });

  it('refunds once when the same key is sent five times at once', async () => {
    const { orderId, paymentToken } = await aCapturedOrder(5000);
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 5 }, () => refund({ orderId, amount: 1000, idempotencyKey: key })));
    expect(answers.some((answer) => answer.status === 200)).toBe(true);
    expect(refundsAt(paymentToken)).toEqual([1000]);
    expect(await recorded(paymentToken)).toMatchObject({ refundedAmount: 1000, refundableAmount: 4000 });
    expect(await refund({ orderId, amount: 1000, idempotencyKey: key })).toMatchObject({
      status: 200,
      body: { payment: { refundedAmount: 1000 } },
    });
  });

  it('refuses a malformed request with 400 INVALID_INPUT', async () => {
    const { orderId } = await aCapturedOrder(5000);
    expect(await refund({ orderId, idempotencyKey: 'release-CANCELLED' })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_INPUT', message: expect.stringMatching(/must not start with "release-"/) } },
    });
    expect(await refund({ orderId, idempotencyKey: newKey(), reason: ' ' })).toMatchObject({ status: 400 });
  });

  describe('of a gateway payment (a fake gateway behind the port)', () => {
    /** A gateway payment the gateway was paid, as its callback records it. */
    async function aPaidGatewayOrder(amount = 8000): Promise<{ orderId: string; paymentToken: string }> {
      const orderId = `order-${(orders += 1)}`;
      const paymentToken = `gateway:${orderId}`;
      await putItem(
        payments,
        aPayment({
          paymentToken,
          orderId,
          amount,
          method: 'GATEWAY',
          status: 'CAPTURED',
          capturedAmount: amount,
          refundedAmount: 0,
          refundableAmount: amount,
          appTransId: `260101_${orderId}`,
          gatewayTransId: `zp-${orderId}`,
        }),
      );
      return { orderId, paymentToken };
    }

    /** A gateway answering refunds (and then queries) from the lists given, by default: refunded. */
    function fakeGateway(refunds: GatewayRefundAnswer[], queries: GatewayRefundAnswer[] = []) {
      const refunded = { kind: 'refunded' as const, refundId: 'zp-refund' };
      const refundCalls = vi.fn(async (_request: GatewayRefundRequest) => refunds.shift() ?? refunded);
      const queryCalls = vi.fn(async (_mRefundId: string) => queries.shift() ?? refunded);
      const providers: RefundProviders = {
        card: {
          refund: () => Promise.reject(new Error('no card here')),
          cancel: () => Promise.reject(new Error('no card here')),
        },
        gateway: { refund: refundCalls, queryRefund: queryCalls, newRefundId: () => `260101_2553_${(keys += 1)}` },
      };
      return { providers, refundCalls, queryCalls };
    }

    const refundPayment = async () =>
      (await import('../../../../../backend-services/payment/refunds/refundPayment.ts')).refundPayment;

    it('leaves a refund the gateway is processing PENDING, and settles it on the retry with the same key', async () => {
      const { orderId, paymentToken } = await aPaidGatewayOrder(8000);
      const { providers, refundCalls, queryCalls } = fakeGateway(
        [{ kind: 'processing', refundId: 'zp-r1' }],
        [{ kind: 'refunded', refundId: 'zp-r1' }],
      );
      const request = { orderId, amount: 3000, reason: REASON, idempotencyKey: newKey(), requestedBy: 'admin-sub-1' };
      const refundOf = await refundPayment();
      await expect(refundOf(request, providers)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      const pending = await recorded(paymentToken);
      expect(pending.refunds![request.idempotencyKey]).toMatchObject({ status: 'PENDING', amount: 3000 });
      expect(pending).toMatchObject({ status: 'CAPTURED', refundableAmount: 5000 });

      expect(await refundOf(request, providers)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 3000 });
      const mRefundId = pending.refunds![request.idempotencyKey]!.refundId;
      expect(refundCalls.mock.calls).toEqual([
        [expect.objectContaining({ mRefundId, zpTransId: `zp-${orderId}`, amount: 3000 })],
      ]);
      expect(queryCalls.mock.calls).toEqual([[mRefundId]]);
    });

    it('refunds a paid gateway order in full under settlement’s key, and answers the same key again without asking', async () => {
      const { orderId } = await aPaidGatewayOrder(8000);
      const { providers, refundCalls } = fakeGateway([]);
      const request = {
        orderId,
        reason: 'Order CANCELLED',
        idempotencyKey: 'release-CANCELLED',
        requestedBy: 'payment-settlement',
      };
      const refundOf = await refundPayment();
      expect(await refundOf(request, providers)).toMatchObject({ method: 'GATEWAY', status: 'REFUNDED', refundedAmount: 8000 });
      expect(await refundOf(request, providers)).toMatchObject({ status: 'REFUNDED', refundedAmount: 8000 });
      expect(refundCalls).toHaveBeenCalledOnce();
    });

    it('records a refund the gateway refuses as FAILED, its amount refundable again', async () => {
      const { orderId, paymentToken } = await aPaidGatewayOrder(8000);
      const { providers } = fakeGateway([
        {
          kind: 'refused',
          returnCode: 2,
          subReturnCode: -13,
          message: 'Transaction not refundable',
        },
      ]);
      vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const refundOf = await refundPayment();
      const request = { orderId, amount: 1000, reason: REASON, idempotencyKey: newKey(), requestedBy: 'admin-sub-1' };
      await expect(refundOf(request, providers)).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/Transaction not refundable \(return_code 2, sub_return_code -13\)/),
      });
      expect(await recorded(paymentToken)).toMatchObject({ status: 'CAPTURED', refundableAmount: 8000, refundedAmount: 0 });
    });
  });
});
