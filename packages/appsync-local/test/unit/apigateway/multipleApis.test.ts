import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProxyHandler, type RunningRestApis, startRestApis } from '../../../src/apigateway/index.ts';
import type { APIGatewayProxyEvent } from '../../../src/apigateway/index.ts';
import { apiDefinition, appsyncRole, outsider, signedFetch } from './support.ts';

const answering =
  (service: string): ProxyHandler =>
  async (event) => ({ statusCode: 200, body: JSON.stringify({ service, event }) });

describe('startRestApis', () => {
  let host: RunningRestApis;

  beforeAll(async () => {
    host = await startRestApis([
      apiDefinition({
        name: 'products',
        routes: [{ method: 'GET', path: '/products/{productId}', functionName: 'products-get', handler: answering('products') }],
      }),
      apiDefinition({
        name: 'orders',
        routes: [{ method: 'ANY', path: '/{proxy+}', functionName: 'orders-any', handler: answering('orders') }],
      }),
      apiDefinition({
        name: 'delivery-pricing',
        stage: 'v1',
        routes: [{ method: 'POST', path: '/quotes', functionName: 'delivery-quote', handler: answering('delivery-pricing') }],
      }),
      apiDefinition({
        name: 'payment',
        routes: [{ method: 'POST', path: '/payments', functionName: 'payment-pay', handler: answering('payment') }],
        isAllowed: (principal) => principal.accessKeyId === outsider.accessKeyId,
      }),
    ]);
  });
  afterAll(() => host.close());

  async function call(url: string, options: Parameters<typeof signedFetch>[1] = {}) {
    const response = await signedFetch(url, options);
    return {
      status: response.status,
      ...(JSON.parse(await response.text()) as { service?: string; event?: APIGatewayProxyEvent }),
    };
  }

  it('serves every API on one port, each under /<restApiId>/<stage>', () => {
    const origin = host.origin;
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.apis.map(({ name, stage }) => [name, stage])).toEqual([
      ['products', 'prod'],
      ['orders', 'prod'],
      ['delivery-pricing', 'v1'],
      ['payment', 'prod'],
    ]);
    for (const api of host.apis) {
      expect(api.url).toBe(`${origin}/${api.restApiId}/${api.stage}`);
      expect(host.urls[api.name]).toBe(api.url);
    }
    expect(new Set(host.apis.map((api) => api.restApiId)).size).toBe(4);
  });

  it('routes each request to the API its prefix names, with the path after the stage in the event', async () => {
    const products = await call(`${host.urls.products}/products/p-1`);
    expect(products).toMatchObject({
      status: 200,
      service: 'products',
      event: { path: '/products/p-1', pathParameters: { productId: 'p-1' } },
    });
    expect(products.event!.requestContext).toMatchObject({ path: '/prod/products/p-1', apiId: host.apis[0]!.restApiId });
    const orders = await call(`${host.urls.orders}/orders/o-1`, { method: 'PUT', body: '{}' });
    expect(orders).toMatchObject({ status: 200, service: 'orders', event: { path: '/orders/o-1', httpMethod: 'PUT' } });
    const quote = await call(`${host.urls['delivery-pricing']}/quotes`, { method: 'POST', body: '{}' });
    expect(quote).toMatchObject({ status: 200, service: 'delivery-pricing', event: { requestContext: { stage: 'v1' } } });
  });

  it("applies each API's own policy", async () => {
    expect(
      (await signedFetch(`${host.urls.payment}/payments`, { method: 'POST', body: '{}', credentials: appsyncRole })).status,
    ).toBe(403);
    expect(
      (await signedFetch(`${host.urls.payment}/payments`, { method: 'POST', body: '{}', credentials: outsider })).status,
    ).toBe(200);
  });

  it("answers another API's stage with 403 Forbidden", async () => {
    const response = await signedFetch(`${host.origin}/${host.apis[2]!.restApiId}/prod/quotes`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
  });

  it('answers an unknown REST API id with 403 Forbidden', async () => {
    const response = await fetch(`${host.origin}/abcdefghij/prod/products/p-1`);
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('{"message":"Forbidden"}');
  });

  it('keeps a restApiId derived from the name, so URLs survive a restart', async () => {
    const again = await startRestApis([apiDefinition({ name: 'products', routes: [] })]);
    try {
      expect(again.apis[0]!.restApiId).toBe(host.apis[0]!.restApiId);
    } finally {
      await again.close();
    }
  });

  it('refuses two APIs with the same id', async () => {
    await expect(
      startRestApis([apiDefinition({ name: 'a', routes: [] }), apiDefinition({ name: 'a', routes: [] })]),
    ).rejects.toThrow(/both have the id/);
  });

  it('uses the restApiId a definition gives', async () => {
    const given = await startRestApis([apiDefinition({ name: 'x', restApiId: 'a1b2c3d4e5', routes: [] })]);
    try {
      expect(given.urls.x).toBe(`${given.origin}/a1b2c3d4e5/prod`);
    } finally {
      await given.close();
    }
  });
});
