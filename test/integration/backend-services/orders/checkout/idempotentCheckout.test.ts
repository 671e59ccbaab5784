import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { checkoutIdempotently as CheckoutIdempotently } from '../../../../../backend-services/orders/checkout/checkoutRoute.ts';
import type { CheckoutRequest } from '../../../../../backend-services/orders/domain/checkoutRequest.ts';
import { type CreateOrderResponse, placed, refused } from '../../../../../backend-services/orders/domain/createOrderResponse.ts';
import { toOrder } from '../../../../../domain/order.ts';
import { paymentDeclined } from '../../../../../backend-services/orders/domain/orderErrors.ts';
import { ServiceUnavailableError } from '../../../../../backend-services/orders/errors.ts';
import type { IdempotencyConflictError as ConflictError } from '../../../../../backend-services/orders/errors.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { type CheckoutTables, createCheckoutTables } from '../../../../support/backend-services/checkoutTables.ts';
import { anOrderItem } from '../../../../support/backend-services/orders.ts';

const address = { name: 'Ada', streetAddress: '1 Main Street', city: 'Paris', country: 'FR', phoneNumber: '1' };
const aRequest = (): CheckoutRequest & { idempotencyKey: string } => ({
  operation: 'createOrder',
  userId: `u-${randomUUID()}`,
  idempotencyKey: 'key-1',
  lines: [{ productId: 'lamp', quantity: 1 }],
  address,
  deliveryPrice: 0,
  payment: { method: 'CARD', paymentToken: 'tok-1' },
});
const context = (remainingMs = 29_000) => ({ getRemainingTimeInMillis: () => remainingMs });
const answer = placed(toOrder(anOrderItem('order-1')));

describe('checkoutIdempotently', () => {
  let tables: CheckoutTables;
  let checkoutIdempotently: typeof CheckoutIdempotently;
  // From the module graph the route was loaded in (after resetModules), as checkout would throw it.
  let IdempotencyConflictError: typeof ConflictError;

  beforeAll(async () => {
    tables = await createCheckoutTables();
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      DYNAMODB_ENDPOINT: tables.dynamodbEndpoint,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      ORDERS_TABLE: tables.names.orders,
      IDEMPOTENCY_TABLE: tables.names.idempotency,
      PRODUCTS_TABLE: tables.names.products,
      CARTS_TABLE: tables.names.carts,
      STOCK_MOVEMENTS_TABLE: tables.names.stockMovements,
      PRODUCTS_API_URL: 'http://127.0.0.1:1/prod',
      DELIVERY_PRICING_API_URL: 'http://127.0.0.1:1/prod',
      PAYMENT_API_URL: 'http://127.0.0.1:1/prod',
      EVENT_BUS_NAME: 'commerce-tests',
    });
    vi.resetModules();
    ({ checkoutIdempotently } = await import('../../../../../backend-services/orders/checkout/checkoutRoute.ts'));
    ({ IdempotencyConflictError } = await import('../../../../../backend-services/orders/errors.ts'));
  });

  it('runs checkout once and answers every retry with what it returned', async () => {
    const request = aRequest();
    const run = vi.fn(async () => answer);
    expect(await checkoutIdempotently(request, run, context())).toEqual(answer);
    expect(await checkoutIdempotently(request, run, context())).toEqual(answer);
    expect(run).toHaveBeenCalledOnce();
  });

  it('keeps a business refusal as the answer too', async () => {
    const request = aRequest();
    const declined = refused([paymentDeclined('No funds.')]);
    const run = vi.fn(async () => declined);
    await checkoutIdempotently(request, run, context());
    expect(await checkoutIdempotently(request, run, context())).toEqual(declined);
    expect(run).toHaveBeenCalledOnce();
  });

  it('keeps nothing when checkout throws, so that a retry runs it again', async () => {
    const request = aRequest();
    const run = vi
      .fn<(request: CheckoutRequest) => Promise<CreateOrderResponse>>()
      .mockRejectedValueOnce(new ServiceUnavailableError('down'))
      .mockResolvedValue(answer);
    await expect(checkoutIdempotently(request, run, context())).rejects.toThrow('down');
    expect(await checkoutIdempotently(request, run, context())).toEqual(answer);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('answers IDEMPOTENCY_CONFLICT for the same key with another payload, without running checkout', async () => {
    const request = aRequest();
    const run = vi.fn(async () => answer);
    await checkoutIdempotently(request, run, context());
    const conflict = await checkoutIdempotently({ ...request, deliveryPrice: 1 }, run, context());
    expect(conflict.errors).toEqual([{ code: 'IDEMPOTENCY_CONFLICT', message: expect.stringContaining('key-1') }]);
    expect(run).toHaveBeenCalledOnce();
  });

  it('answers IDEMPOTENCY_CONFLICT when checkout finds the key’s order placed for another payload, keeping no record of it', async () => {
    const request = aRequest();
    const run = vi
      .fn<(request: CheckoutRequest) => Promise<CreateOrderResponse>>()
      .mockRejectedValueOnce(new IdempotencyConflictError('order-1'))
      .mockResolvedValue(answer);
    const conflict = await checkoutIdempotently({ ...request, deliveryPrice: 1 }, run, context());
    expect(conflict.errors).toEqual([{ code: 'IDEMPOTENCY_CONFLICT', message: expect.stringContaining('key-1') }]);
    // No record holds the other payload: the key's own payload still gets its order.
    expect(await checkoutIdempotently(request, run, context())).toEqual(answer);
  });

  it('makes a retry that arrives while the first attempt runs wait for its answer', async () => {
    const request = aRequest();
    let finish: (response: CreateOrderResponse) => void = () => undefined;
    const run = vi.fn(() => new Promise<CreateOrderResponse>((resolve) => (finish = resolve)));
    const first = checkoutIdempotently(request, run, context());
    await vi.waitFor(() => expect(run).toHaveBeenCalledOnce());
    const retry = checkoutIdempotently(request, run, context());
    setTimeout(() => finish(answer), 500);
    expect(await Promise.all([first, retry])).toEqual([answer, answer]);
    expect(run).toHaveBeenCalledOnce();
  });

  it('answers SERVICE_UNAVAILABLE, saying to retry, when the first attempt is still running after the wait', async () => {
    const request = aRequest();
    let finish: (response: CreateOrderResponse) => void = () => undefined;
    const run = vi.fn(() => new Promise<CreateOrderResponse>((resolve) => (finish = resolve)));
    const first = checkoutIdempotently(request, run, context());
    await vi.waitFor(() => expect(run).toHaveBeenCalledOnce());
    const started = Date.now();
    // 2.4 s left in the invocation: it waits 0.4 s at most, keeping 2 s to answer.
    const retry = await checkoutIdempotently(request, run, context(2_400));
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(retry.errors).toEqual([
      { code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/still being processed; retry/) },
    ]);
    finish(answer);
    await first;
  });

  it('lets an in-progress record expire with the invocation that wrote it', async () => {
    const request = aRequest();
    let finish: (response: CreateOrderResponse) => void = () => undefined;
    const run = vi.fn(() => new Promise<CreateOrderResponse>((resolve) => (finish = resolve)));
    const before = Date.now();
    const first = checkoutIdempotently(request, run, context(10_000));
    await vi.waitFor(() => expect(run).toHaveBeenCalledOnce());
    const records = await tables.idempotencyRecords();
    const inProgress = records.find((record) => record.status === 'INPROGRESS');
    expect(inProgress?.in_progress_expiration).toBeGreaterThanOrEqual(before + 10_000);
    expect(inProgress?.in_progress_expiration).toBeLessThanOrEqual(Date.now() + 10_000);
    finish(answer);
    await first;
  });
});
