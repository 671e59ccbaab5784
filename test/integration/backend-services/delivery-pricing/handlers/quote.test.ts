import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyResult, RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LocalIam, type LocalRole } from 'appsync-local/iam/principals.ts';
import { findFreePort } from 'appsync-local/ports.ts';
import { signedFetch } from '../../../../../backend-services/platform/signedFetch.ts';
import { createCatalogTable } from '../../../../support/backend-services/catalogTable.ts';
import { startPricingService } from '../../../../support/backend-services/pricingService.ts';
import { aPackage, aProduct } from '../../../../support/backend-services/products.ts';
import { startProductsService } from '../../../../support/backend-services/productsService.ts';
import {
  credentialsOf,
  invokerRole,
  startServiceApi,
  useRoleCredentials,
} from '../../../../support/backend-services/restApis.ts';

const address = {
  name: 'Ada Lovelace',
  streetAddress: '1 Main Street',
  city: 'Stockholm',
  country: 'SE',
  phoneNumber: '+46 8 123 456',
};
const catalog = [
  aProduct('small', { package: aPackage(100, 200, 300, 400) }),
  aProduct('large', { package: aPackage(1000, 900, 800, 20_000) }),
  aProduct('heavy', { package: aPackage(100, 100, 100, 5_000) }),
  aProduct('fractional', { package: aPackage(100, 100, 100, 1.5) }),
];

const iam = new LocalIam();
const caller = invokerRole(iam, 'appsync-api');

function quoteOn(api: () => RunningRestApi, as: LocalRole = caller) {
  return (body: unknown) =>
    signedFetch(`${api().url}/pricing`, {
      method: 'POST',
      region: LOCAL_REGION,
      body,
      credentials: credentialsOf(as),
      retries: 0,
    });
}

describe('POST /pricing', () => {
  let products: RunningRestApi;
  let pricing: RunningRestApi;
  const quote = quoteOn(() => pricing);

  beforeAll(async () => {
    products = await startProductsService(iam, await createCatalogTable(catalog));
    pricing = await startPricingService(iam, products.url);
  });
  afterAll(async () => {
    await pricing?.close();
    await products?.close();
  });

  it.each([
    ['SE', 0],
    ['FR', 1000],
    ['US', 1500],
    ['GB', 2500],
  ])('prices one 100×200×300 mm, 400 g item to %s at %i', async (country, pricingCents) => {
    const response = await quote({ products: [{ productId: 'small', quantity: 1 }], address: { ...address, country } });
    expect(response).toEqual({ status: 200, body: { pricing: pricingCents, boxes: 1, fee: pricingCents, country } });
  });

  it('prices quantity 4 of a 1000×900×800 mm item to DE as 24 boxes, 24000', async () => {
    const response = await quote({ products: [{ productId: 'large', quantity: 4 }], address: { ...address, country: 'DE' } });
    expect(response).toEqual({ status: 200, body: { pricing: 24_000, boxes: 24, fee: 1000, country: 'DE' } });
  });

  it('compares the country case-insensitively and answers it trimmed and upper-case', async () => {
    const response = await quote({ products: [{ productId: 'small', quantity: 1 }], address: { ...address, country: '  fr ' } });
    expect(response).toEqual({ status: 200, body: { pricing: 1000, boxes: 1, fee: 1000, country: 'FR' } });
  });

  it('merges lines of the same product before pricing', async () => {
    const to = { ...address, country: 'US' };
    const merged = await quote({
      products: [
        { productId: 'heavy', quantity: 2 },
        { productId: 'small', quantity: 1 },
        { productId: 'heavy', quantity: 3 },
      ],
      address: to,
    });
    const single = await quote({
      products: [
        { productId: 'heavy', quantity: 5 },
        { productId: 'small', quantity: 1 },
      ],
      address: to,
    });
    // 5 × 5000 g + 400 g = 25.4 kg: 3 boxes by weight.
    expect(merged).toEqual({ status: 200, body: { pricing: 4500, boxes: 3, fee: 1500, country: 'US' } });
    expect(single).toEqual(merged);
  });

  it('answers 400 UNKNOWN_PRODUCT naming the product the catalog lacks', async () => {
    const response = await quote({
      products: [
        { productId: 'small', quantity: 1 },
        { productId: 'ghost', quantity: 1 },
      ],
      address,
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: { code: 'UNKNOWN_PRODUCT', message: expect.stringContaining('ghost'), productId: 'ghost' },
    });
  });

  const line = { productId: 'small', quantity: 1 };
  const invalidBodies: [string, unknown][] = [
    ['an empty product list', { products: [], address }],
    ['no product list', { address }],
    ['a quantity of 0', { products: [{ ...line, quantity: 0 }], address }],
    ['a quantity of 1000', { products: [{ ...line, quantity: 1000 }], address }],
    ['a fractional quantity', { products: [{ ...line, quantity: 1.5 }], address }],
    ['a quantity given as a string', { products: [{ ...line, quantity: '2' }], address }],
    ['a line without a productId', { products: [{ quantity: 1 }], address }],
    [
      'merged quantities above 999',
      {
        products: [
          { ...line, quantity: 500 },
          { ...line, quantity: 500 },
        ],
        address,
      },
    ],
    ...(['name', 'streetAddress', 'city', 'country', 'phoneNumber'] as const).flatMap((field) => [
      [`a missing address.${field}`, { products: [line], address: { ...address, [field]: undefined } }] satisfies [
        string,
        unknown,
      ],
      [`a blank address.${field}`, { products: [line], address: { ...address, [field]: '  ' } }] satisfies [string, unknown],
    ]),
    ['no address', { products: [line] }],
    ['an optional address field that is not a string', { products: [line], address: { ...address, postCode: 12345 } }],
    ['a body that is not an object', [line]],
    ['no body', undefined],
  ];
  it.each(invalidBodies)('answers 400 INVALID_INPUT for %s', async (_case, body) => {
    const response = await quote(body);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: 'INVALID_INPUT', message: expect.any(String) } });
  });

  it('accepts the optional address fields, given or null', async () => {
    const full = { ...address, companyName: 'Analytical Engines AB', postCode: '111 22', state: null };
    const response = await quote({ products: [line], address: full });
    expect(response.status).toBe(200);
  });

  it('reads the catalog with a signed call: the products service refuses an unsigned one', async () => {
    const unsigned = await fetch(`${products.url}/products/batch-get`, {
      method: 'POST',
      body: JSON.stringify({ productIds: ['small'] }),
    });
    expect(unsigned.status).toBe(403);
    const quoted = await quote({ products: [line], address });
    expect(quoted.status).toBe(200);
  });

  it('answers 503 SERVICE_UNAVAILABLE when the catalog holds a package it cannot price', async () => {
    const response = await quote({ products: [{ productId: 'fractional', quantity: 1 }], address });
    expect(response).toEqual({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } } });
  });

  it('answers 503 SERVICE_UNAVAILABLE when its role may not call the products service', async () => {
    const saved = { ...process.env };
    useRoleCredentials(iam.createRole('pricing-without-rights'));
    try {
      const response = await quote({ products: [line], address });
      expect(response).toEqual({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } } });
    } finally {
      Object.assign(process.env, saved);
    }
  });
});

describe('POST /pricing when the products service cannot answer', () => {
  const body = { products: [{ productId: 'small', quantity: 1 }], address };
  const started: RunningRestApi[] = [];
  afterAll(() => Promise.all(started.map((api) => api.close())));

  async function pricingWithProductsAt(productsApiUrl: string): Promise<RunningRestApi> {
    const pricing = await startPricingService(iam, productsApiUrl);
    started.push(pricing);
    return pricing;
  }

  async function productsAnswering(result: APIGatewayProxyResult): Promise<{ url: string; calls: () => number }> {
    let calls = 0;
    const api = await startServiceApi(iam, 'products', [
      {
        method: 'POST',
        path: '/products/batch-get',
        handler: async () => {
          calls += 1;
          return result;
        },
      },
    ]);
    started.push(api);
    return { url: api.url, calls: () => calls };
  }

  it('answers 503 SERVICE_UNAVAILABLE when nothing listens at the products service', async () => {
    const pricing = await pricingWithProductsAt(`http://127.0.0.1:${await findFreePort()}/prod`);
    const response = await quoteOn(() => pricing)(body);
    expect(response).toEqual({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } } });
  });

  it('answers 503 SERVICE_UNAVAILABLE when the products service answers 5xx, after one retry', async () => {
    const failing = await productsAnswering({ statusCode: 500, body: '{"error":{"code":"INTERNAL_ERROR","message":"boom"}}' });
    const pricing = await pricingWithProductsAt(failing.url);
    const response = await quoteOn(() => pricing)(body);
    expect(response).toEqual({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } } });
    expect(failing.calls()).toBe(2);
  });

  it('answers 503 SERVICE_UNAVAILABLE when the products service refuses the call, without retrying it', async () => {
    const refusing = await productsAnswering({ statusCode: 400, body: '{"error":{"code":"INVALID_INPUT","message":"no"}}' });
    const pricing = await pricingWithProductsAt(refusing.url);
    const response = await quoteOn(() => pricing)(body);
    expect(response.status).toBe(503);
    expect(refusing.calls()).toBe(1);
  });
});
