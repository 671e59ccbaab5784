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
import { createTestTable, putItem, readItem, type TestTable } from '../../../../support/backend-services/testTables.ts';

describe('POST /payments/void', () => {
  const iam = new LocalIam();
  const caller = invokerRole(iam, 'orders-service');
  let provider: TestPaymentProvider;
  let payments: TestTable;
  let api: RunningRestApi;

  beforeAll(async () => {
    [provider, payments] = await Promise.all([startTestPaymentProvider(), createTestTable(PAYMENTS_TABLE)]);
    api = await startPaymentService(iam, { payments, providerUrl: provider.url, secretKey: provider.secretKey });
  });
  afterAll(async () => {
    await api?.close();
    await provider?.close();
  });

  const call = (route: 'authorize' | 'void', body: unknown) =>
    signedFetch(`${api.url}/payments/${route}`, {
      method: 'POST',
      region: LOCAL_REGION,
      body,
      credentials: credentialsOf(caller),
      retries: 0,
    });

  it('deletes the order’s AUTHORIZED claim, so that the token can back a later order', async () => {
    const paymentToken = await provider.preauthorize(4200);
    await call('authorize', { orderId: 'order-never-created', userId: 'user-1', paymentToken, amount: 4200 });
    expect(await call('void', { orderId: 'order-never-created', paymentToken })).toEqual({ status: 200, body: { voided: true } });
    expect(await readItem(payments, { paymentToken })).toBeUndefined();
    const later = await call('authorize', { orderId: 'order-later', userId: 'user-1', paymentToken, amount: 4200 });
    expect(later).toEqual({ status: 200, body: { payment: { orderId: 'order-later', amount: 4200, status: 'AUTHORIZED' } } });
  });

  it('leaves the provider’s authorisation alone', async () => {
    const paymentToken = await provider.preauthorize(4200);
    await call('authorize', { orderId: 'order-v', userId: 'user-1', paymentToken, amount: 4200 });
    await call('void', { orderId: 'order-v', paymentToken });
    expect((await provider.paymentAt(paymentToken)).status).toBe('AUTHORIZED');
  });

  it('answers voided false, deleting nothing, when the token backs another order', async () => {
    const claim = aPayment({ paymentToken: 'pt_other_order', orderId: 'order-other' });
    await putItem(payments, claim);
    expect(await call('void', { orderId: 'order-mine', paymentToken: 'pt_other_order' })).toEqual({
      status: 200,
      body: { voided: false },
    });
    expect(await readItem(payments, { paymentToken: 'pt_other_order' })).toEqual(claim);
  });

  it.each(['CAPTURED', 'RELEASED'] as const)('answers voided false, deleting nothing, when the payment is %s', async (status) => {
    const claim = aPayment({ paymentToken: `pt_${status}`, orderId: 'order-settled', status });
    await putItem(payments, claim);
    expect(await call('void', { orderId: 'order-settled', paymentToken: `pt_${status}` })).toEqual({
      status: 200,
      body: { voided: false },
    });
    expect(await readItem(payments, { paymentToken: `pt_${status}` })).toEqual(claim);
  });

  it('answers voided false when there is no claim at all', async () => {
    expect(await call('void', { orderId: 'order-x', paymentToken: 'pt_nothing' })).toEqual({
      status: 200,
      body: { voided: false },
    });
  });

  it.each([
    ['no body', undefined],
    ['a missing orderId', { paymentToken: 'pt_x' }],
    ['a missing paymentToken', { orderId: 'order-x' }],
    ['a paymentToken that is not a string', { orderId: 'order-x', paymentToken: 7 }],
  ])('answers 400 INVALID_INPUT for %s', async (_case, body) => {
    expect(await call('void', body)).toEqual({
      status: 400,
      body: { error: { code: 'INVALID_INPUT', message: expect.any(String) } },
    });
  });
});
