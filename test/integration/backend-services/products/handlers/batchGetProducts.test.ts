import { type BatchGetItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LocalIam, type LocalRole } from 'appsync-local/iam/principals.ts';
import { signedFetch } from '../../../../../backend-services/platform/signedFetch.ts';
import { signHeaders } from 'appsync-local/testing/sigv4Fetch.ts';
import { createCatalogTable } from '../../../../support/backend-services/catalogTable.ts';
import { aProduct } from '../../../../support/backend-services/products.ts';
import { startProductsService } from '../../../../support/backend-services/productsService.ts';
import { credentialsOf, invokerRole } from '../../../../support/backend-services/restApis.ts';

const catalog = ['a', 'b', 'c'].map((id) => aProduct(id));
const [a, b, c] = catalog;

describe('POST /products/batch-get', () => {
  const iam = new LocalIam();
  let caller: LocalRole;
  let api: RunningRestApi;

  beforeAll(async () => {
    caller = invokerRole(iam, 'caller');
    api = await startProductsService(iam, await createCatalogTable(catalog));
  });
  afterAll(() => api?.close());
  afterEach(() => vi.restoreAllMocks());

  const batchGet = (body: unknown) =>
    signedFetch(`${api.url}/products/batch-get`, {
      method: 'POST',
      region: LOCAL_REGION,
      body,
      credentials: credentialsOf(caller),
      retries: 0,
    });

  it('answers the products found in request order and the ids not found', async () => {
    const response = await batchGet({ productIds: ['c', 'x', 'a', 'b', 'y'] });
    expect(response).toEqual({ status: 200, body: { products: [c, a, b], missing: ['x', 'y'] } });
  });

  it('answers each product once however often it is asked for', async () => {
    const response = await batchGet({ productIds: ['b', 'x', 'b', 'x', 'a'] });
    expect(response).toEqual({ status: 200, body: { products: [b, a], missing: ['x'] } });
  });

  it('accepts 100 distinct ids, repeats not counted', async () => {
    const ids = [...Array.from({ length: 100 }, (_, i) => `id-${i}`), 'id-0', 'id-1'];
    const response = await batchGet({ productIds: ids });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ products: [], missing: ids.slice(0, 100) });
  });

  it.each([
    ['no ids', { productIds: [] }],
    ['101 distinct ids', { productIds: Array.from({ length: 101 }, (_, i) => `id-${i}`) }],
    ['an id that is not a string', { productIds: ['a', 7] }],
    ['an empty id', { productIds: [''] }],
    ['productIds that is not a list', { productIds: 'a' }],
    ['no productIds', {}],
    ['a body that is not an object', ['a']],
    ['no body', undefined],
  ])('answers 400 INVALID_INPUT for %s', async (_case, body) => {
    const response = await batchGet(body);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: 'INVALID_INPUT', message: expect.any(String) } });
  });

  it('answers 400 INVALID_INPUT for a body that is not JSON', async () => {
    const url = `${api.url}/products/batch-get`;
    const body = '{"productIds": [';
    const headers = await signHeaders(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      region: LOCAL_REGION,
      credentials: caller,
    });
    const response = await fetch(url, { method: 'POST', headers, body });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'INVALID_INPUT', message: 'The request body is not valid JSON.' } });
  });

  it('refuses an unsigned request', async () => {
    const response = await fetch(`${api.url}/products/batch-get`, {
      method: 'POST',
      body: JSON.stringify({ productIds: ['a'] }),
    });
    expect(response.status).toBe(403);
  });

  it('refuses a signed request from a role that may not invoke it', async () => {
    const outsider = iam.createRole('outsider');
    const response = await signedFetch(`${api.url}/products/batch-get`, {
      method: 'POST',
      region: LOCAL_REGION,
      body: { productIds: ['a'] },
      credentials: credentialsOf(outsider),
      retries: 0,
    });
    expect(response.status).toBe(403);
  });

  it('asks DynamoDB again for the keys it left unprocessed', async () => {
    const send = vi.spyOn(DynamoDBClient.prototype, 'send').mockImplementationOnce(leaveEveryKeyUnprocessed);
    const response = await batchGet({ productIds: ['a', 'x'] });
    expect(send).toHaveBeenCalledTimes(2);
    expect(response).toEqual({ status: 200, body: { products: [a], missing: ['x'] } });
  });

  it('answers 503 SERVICE_UNAVAILABLE when DynamoDB keeps leaving keys unprocessed, after 5 attempts', async () => {
    const send = vi.spyOn(DynamoDBClient.prototype, 'send').mockImplementation(leaveEveryKeyUnprocessed);
    const response = await batchGet({ productIds: ['a'] });
    expect(send).toHaveBeenCalledTimes(5);
    expect(response).toEqual({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } } });
  });
});

/** BatchGetItem's answer under throttling: nothing read, every key to ask again. */
const leaveEveryKeyUnprocessed = (async (command: BatchGetItemCommand) => ({
  Responses: {},
  UnprocessedKeys: command.input.RequestItems,
})) as unknown as DynamoDBClient['send'];
