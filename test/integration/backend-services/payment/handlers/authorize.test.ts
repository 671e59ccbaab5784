import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LocalIam } from 'appsync-local/iam/principals.ts';
import { findFreePort } from 'appsync-local/ports.ts';
import { signedFetch } from '../../../../../backend-services/platform/signedFetch.ts';
import { PAYMENTS_TABLE } from '../../../../../system/tables.ts';
import { startTestPaymentProvider, type TestPaymentProvider } from '../../../../support/backend-services/paymentProvider.ts';
import { startPaymentService } from '../../../../support/backend-services/paymentService.ts';
import { credentialsOf, invokerRole } from '../../../../support/backend-services/restApis.ts';
import { createTestTable, readItem, type TestTable } from '../../../../support/backend-services/testTables.ts';

const iam = new LocalIam();
const caller = invokerRole(iam, 'orders-service');

function authorizeOn(api: () => RunningRestApi) {
  return (body: unknown) =>
    signedFetch(`${api().url}/payments/authorize`, {
      method: 'POST',
      region: LOCAL_REGION,
      body,
      credentials: credentialsOf(caller),
      retries: 0,
    });
}

const declined = (message: string | RegExp) => ({
  status: 402,
  body: { error: { code: 'PAYMENT_DECLINED', message: expect.stringMatching(message) } },
});

describe('POST /payments/authorize', () => {
  let provider: TestPaymentProvider;
  let payments: TestTable;
  let api: RunningRestApi;
  const authorize = authorizeOn(() => api);

  beforeAll(async () => {
    [provider, payments] = await Promise.all([startTestPaymentProvider(), createTestTable(PAYMENTS_TABLE)]);
    api = await startPaymentService(iam, { payments, providerUrl: provider.url, secretKey: provider.secretKey });
  });
  afterAll(async () => {
    await api?.close();
    await provider?.close();
  });

  it('claims a token authorised for at least the amount for the order, and answers the payment AUTHORIZED', async () => {
    const paymentToken = await provider.preauthorize(5000);
    const response = await authorize({ orderId: 'order-1', userId: 'user-1', paymentToken, amount: 4200 });
    expect(response).toEqual({ status: 200, body: { payment: { orderId: 'order-1', amount: 4200, status: 'AUTHORIZED' } } });
    expect(await readItem(payments, { paymentToken })).toEqual({
      paymentToken,
      method: 'CARD',
      orderId: 'order-1',
      userId: 'user-1',
      amount: 4200,
      status: 'AUTHORIZED',
      capturedAmount: 0,
      refundedAmount: 0,
      refundableAmount: 0,
      createdDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      modifiedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect((await provider.paymentAt(paymentToken)).status).toBe('AUTHORIZED');
  });

  it('answers the same payment and changes nothing when the same order authorises again', async () => {
    const paymentToken = await provider.preauthorize(4200);
    const body = { orderId: 'order-again', userId: 'user-1', paymentToken, amount: 4200 };
    const first = await authorize(body);
    const claim = await readItem(payments, { paymentToken });
    const second = await authorize(body);
    expect(second).toEqual(first);
    expect(second.status).toBe(200);
    expect(await readItem(payments, { paymentToken })).toEqual(claim);
  });

  it('declines a token the provider does not know, and claims nothing', async () => {
    const response = await authorize({ orderId: 'order-2', userId: 'user-1', paymentToken: 'pt_made_up', amount: 100 });
    expect(response).toEqual(declined(/unknown/));
    expect(await readItem(payments, { paymentToken: 'pt_made_up' })).toBeUndefined();
  });

  it('declines an amount above the authorisation, saying how much is authorised', async () => {
    const paymentToken = await provider.preauthorize(4000);
    const response = await authorize({ orderId: 'order-3', userId: 'user-1', paymentToken, amount: 4001 });
    expect(response).toEqual(declined(/authorised for 4000, less than the amount 4001/));
    expect(await readItem(payments, { paymentToken })).toBeUndefined();
  });

  it('declines a token that backs another order, without naming that order', async () => {
    const paymentToken = await provider.preauthorize(4200);
    await authorize({ orderId: 'order-first', userId: 'user-1', paymentToken, amount: 4200 });
    const response = await authorize({ orderId: 'order-second', userId: 'user-1', paymentToken, amount: 4200 });
    expect(response).toEqual(declined(/another order/));
    expect(JSON.stringify(response.body)).not.toContain('order-first');
    expect(await readItem(payments, { paymentToken })).toMatchObject({ orderId: 'order-first' });
  });

  it('declines a token the provider has captured already', async () => {
    const paymentToken = await provider.preauthorize(4200);
    provider.provider.capture(paymentToken);
    const response = await authorize({ orderId: 'order-4', userId: 'user-1', paymentToken, amount: 4200 });
    expect(response).toEqual(declined(/captured/));
  });

  it('declines a token whose authorisation was cancelled', async () => {
    const paymentToken = await provider.preauthorize(4200);
    provider.provider.cancel(paymentToken);
    const response = await authorize({ orderId: 'order-5', userId: 'user-1', paymentToken, amount: 4200 });
    expect(response).toEqual(declined(/cancelled/));
  });

  const valid = { orderId: 'order-6', userId: 'user-1', paymentToken: 'pt_x', amount: 100 };
  it.each([
    ['no body', undefined],
    ['a body that is not an object', [valid]],
    ...(['orderId', 'userId', 'paymentToken'] as const).flatMap((field): [string, unknown][] => [
      [`a missing ${field}`, { ...valid, [field]: undefined }],
      [`a blank ${field}`, { ...valid, [field]: ' ' }],
    ]),
    ['a missing amount', { ...valid, amount: undefined }],
    ['an amount of 0', { ...valid, amount: 0 }],
    ['a fractional amount', { ...valid, amount: 10.5 }],
    ['an amount given as a string', { ...valid, amount: '100' }],
  ])('answers 400 INVALID_INPUT for %s', async (_case, body) => {
    const response = await authorize(body);
    expect(response).toEqual({ status: 400, body: { error: { code: 'INVALID_INPUT', message: expect.any(String) } } });
  });
});

describe('POST /payments/authorize when the provider cannot answer', () => {
  const started: { close(): Promise<void> }[] = [];
  let payments: TestTable;

  beforeAll(async () => {
    payments = await createTestTable(PAYMENTS_TABLE);
  });
  afterAll(() => Promise.all(started.map((server) => server.close())));

  async function authorizeWithProviderAt(providerUrl: string) {
    const api = await startPaymentService(iam, { payments, providerUrl, secretKey: 'sk_test' });
    started.push(api);
    return authorizeOn(() => api)({ orderId: 'order-1', userId: 'user-1', paymentToken: 'pt_any', amount: 100 });
  }

  async function providerThat(respond: RequestListener): Promise<string> {
    const server = createServer(respond);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const close = () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    started.push({ close });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const unavailable = { status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } } };

  it('answers 503 SERVICE_UNAVAILABLE when nothing listens at the provider', async () => {
    expect(await authorizeWithProviderAt(`http://127.0.0.1:${await findFreePort()}`)).toEqual(unavailable);
  });

  it('answers 503 SERVICE_UNAVAILABLE when the provider answers 5xx', async () => {
    const url = await providerThat((_request, response) => response.writeHead(502).end('Bad gateway'));
    expect(await authorizeWithProviderAt(url)).toEqual(unavailable);
  });

  it('answers 503 SERVICE_UNAVAILABLE when the provider refuses the secret key', async () => {
    const provider = await startTestPaymentProvider();
    started.push(provider);
    expect(await authorizeWithProviderAt(provider.url)).toEqual(unavailable);
  });

  it('answers 503 SERVICE_UNAVAILABLE when the provider does not answer in time', async () => {
    const url = await providerThat(() => undefined);
    const startedAt = Date.now();
    expect(await authorizeWithProviderAt(url)).toEqual(unavailable);
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });

  it('claims nothing when the provider cannot answer', async () => {
    expect(await readItem(payments, { paymentToken: 'pt_any' })).toBeUndefined();
  });
});
