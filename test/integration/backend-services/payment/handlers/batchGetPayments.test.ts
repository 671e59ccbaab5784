import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LocalIam } from 'appsync-local/iam/principals.ts';
import { signedFetch } from '../../../../../backend-services/platform/signedFetch.ts';
import { PAYMENTS_TABLE } from '../../../../../system/tables.ts';
import { startTestPaymentProvider, type TestPaymentProvider } from '../../../../support/backend-services/paymentProvider.ts';
import { aPayment } from '../../../../support/backend-services/paymentStreamRecords.ts';
import { startPaymentService } from '../../../../support/backend-services/paymentService.ts';
import { credentialsOf, invokerRole } from '../../../../support/backend-services/restApis.ts';
import { createTestTable, putItem, type TestTable } from '../../../../support/backend-services/testTables.ts';

describe('POST /payments/batch-get', () => {
  const iam = new LocalIam();
  const caller = invokerRole(iam, 'appsync-api');
  let provider: TestPaymentProvider;
  let payments: TestTable;
  let api: RunningRestApi;

  beforeAll(async () => {
    [provider, payments] = await Promise.all([startTestPaymentProvider(), createTestTable(PAYMENTS_TABLE)]);
    api = await startPaymentService(iam, { payments, providerUrl: provider.url, secretKey: provider.secretKey });
    await Promise.all([
      putItem(
        payments,
        aPayment({ paymentToken: 'pt_a', orderId: 'order-a', amount: 4200, modifiedDate: '2026-01-02T00:00:00.000Z' }),
      ),
      putItem(payments, aPayment({ paymentToken: 'pt_b', orderId: 'order-b', amount: 1500, status: 'CAPTURED' })),
      putItem(payments, aPayment({ paymentToken: 'pt_c', orderId: 'order-c', amount: 900, status: 'RELEASED' })),
    ]);
  });
  afterAll(async () => {
    await api?.close();
    await provider?.close();
  });

  const batchGet = (body: unknown) =>
    signedFetch(`${api.url}/payments/batch-get`, {
      method: 'POST',
      region: LOCAL_REGION,
      body,
      credentials: credentialsOf(caller),
      retries: 0,
    });

  it('answers each named order’s payment in request order, as the API shows it, and the orders without one', async () => {
    const answer = await batchGet({ orderIds: ['order-b', 'order-none', 'order-a', 'order-c'] });
    expect(answer).toEqual({
      status: 200,
      body: {
        payments: [
          {
            orderId: 'order-b',
            method: 'CARD',
            status: 'CAPTURED',
            amount: 1500,
            capturedAmount: 1500,
            refundedAmount: 0,
            payUrl: null,
            expiresAt: null,
            modifiedDate: '2026-01-01T00:00:00.000Z',
          },
          expect.objectContaining({
            orderId: 'order-a',
            status: 'AUTHORIZED',
            amount: 4200,
            capturedAmount: 0,
            modifiedDate: '2026-01-02T00:00:00.000Z',
          }),
          expect.objectContaining({ orderId: 'order-c', status: 'RELEASED', amount: 900, capturedAmount: 0 }),
        ],
        missing: ['order-none'],
      },
    });
  });

  it('never answers a payment token', async () => {
    const answer = await batchGet({ orderIds: ['order-a', 'order-b'] });
    expect(JSON.stringify(answer.body)).not.toMatch(/pt_|paymentToken/);
  });

  it('counts a repeated order id once', async () => {
    const answer = await batchGet({ orderIds: ['order-a', 'order-a'] });
    expect((answer.body as { payments: unknown[] }).payments).toHaveLength(1);
  });

  it.each([
    ['no orderIds', {}, 'orderIds must be an array of order ids.'],
    ['an empty list', { orderIds: [] }, 'orderIds must name 1 to 100 distinct orders; it names 0.'],
    ['a blank id', { orderIds: ['order-a', ' '] }, 'orderIds[1] must be a non-empty string of at most 1024 bytes.'],
    [
      '101 orders',
      { orderIds: Array.from({ length: 101 }, (_, i) => `order-${i}`) },
      'orderIds must name 1 to 100 distinct orders; it names 101.',
    ],
  ])('answers 400 INVALID_INPUT for %s', async (_case, body, message) => {
    expect(await batchGet(body)).toEqual({ status: 400, body: { error: { code: 'INVALID_INPUT', message } } });
  });

  it('refuses a caller without a signature', async () => {
    const response = await fetch(`${api.url}/payments/batch-get`, {
      method: 'POST',
      body: JSON.stringify({ orderIds: ['order-a'] }),
    });
    expect(response.status).toBe(403);
  });
});
