import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LocalIam, type LocalRole } from 'appsync-local/iam/principals.ts';
import { signedFetch } from '../../../../../backend-services/shared/signedFetch.ts';
import { createCatalogTable } from '../../../../support/backend-services/catalogTable.ts';
import { aProduct } from '../../../../support/backend-services/products.ts';
import { startProductsService } from '../../../../support/backend-services/productsService.ts';
import { credentialsOf, invokerRole } from '../../../../support/backend-services/restApis.ts';

const book = aProduct('book-1');
const spaced = aProduct('with space & ü');

describe('GET /products/{productId}', () => {
  const iam = new LocalIam();
  let caller: LocalRole;
  let api: RunningRestApi;

  beforeAll(async () => {
    caller = invokerRole(iam, 'caller');
    api = await startProductsService(iam, await createCatalogTable([book, spaced]));
  });
  afterAll(() => api?.close());

  const get = (productId: string) =>
    signedFetch(`${api.url}/products/${encodeURIComponent(productId)}`, { method: 'GET', region: LOCAL_REGION, credentials: credentialsOf(caller), retries: 0 });

  it('answers the product as the catalog holds it', async () => {
    const response = await get('book-1');
    expect(response).toEqual({ status: 200, body: book });
  });

  it('finds a product whose id needs percent-encoding in the path', async () => {
    const response = await get('with space & ü');
    expect(response).toEqual({ status: 200, body: spaced });
  });

  it('answers 404 UNKNOWN_PRODUCT naming the product when the catalog lacks it', async () => {
    const response = await get('nope');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'UNKNOWN_PRODUCT', message: expect.stringContaining('nope'), productId: 'nope' } });
  });

  it('refuses an unsigned request', async () => {
    const response = await fetch(`${api.url}/products/book-1`);
    expect(response.status).toBe(403);
  });

  it('refuses a signed request from a role that may not invoke it', async () => {
    const outsider = iam.createRole('outsider');
    const response = await signedFetch(`${api.url}/products/book-1`, { method: 'GET', region: LOCAL_REGION, credentials: credentialsOf(outsider), retries: 0 });
    expect(response.status).toBe(403);
  });
});
