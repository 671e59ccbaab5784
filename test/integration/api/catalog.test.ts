import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalog } from '../../../backend-services/products/seed/demoCatalog.ts';
import { type GraphQLHttpResponse, postGraphQL } from 'appsync-local/testing/graphql.ts';
import { type LocalApi, startLocalApi } from '../../support/localApi.ts';

const PRODUCT_FIELDS =
  'productId name description category tags pictures price package { width length height weight } stock createdDate modifiedDate';

interface ProductPage {
  products: { productId: string; category: string }[];
  nextToken: string | null;
}

let api: LocalApi;
let guest: Record<string, string>;
let customer: Record<string, string>;

beforeAll(async () => {
  api = await startLocalApi();
  guest = { 'x-api-key': api.apiKey };
  customer = { authorization: await api.issuer.idToken({ username: 'carla' }) };
});

afterAll(async () => {
  await api?.close();
});

async function pageThrough(query: string, variables: Record<string, unknown>, headers: Record<string, string>, field: string) {
  const seen: string[] = [];
  let nextToken: string | null = null;
  let pages = 0;
  do {
    const response: GraphQLHttpResponse<Record<string, ProductPage>> = await postGraphQL(api.graphqlUrl, query, {
      variables: { ...variables, nextToken },
      headers,
    });
    expect(response.body.errors).toBeUndefined();
    const page: ProductPage = response.body.data![field]!;
    seen.push(...page.products.map((p) => p.productId));
    nextToken = page.nextToken;
    pages += 1;
  } while (nextToken && pages < 100);
  return { seen, pages };
}

describe('getProduct', () => {
  it('returns a product with every field to a guest with an API key', async () => {
    const expected = demoCatalog()[0]!;
    const response = await postGraphQL(api.graphqlUrl, `query ($id: ID!) { getProduct(productId: $id) { ${PRODUCT_FIELDS} } }`, {
      variables: { id: expected.productId },
      headers: guest,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { getProduct: expected } });
  });

  it('returns the same product to a signed-in customer with an ID token', async () => {
    const response = await postGraphQL(api.graphqlUrl, '{ getProduct(productId: "demo-books-01") { name } }', {
      headers: customer,
    });
    expect(response.body).toEqual({ data: { getProduct: { name: 'The Pragmatic Programmer' } } });
  });

  it('accepts a Cognito access token too', async () => {
    const token = await api.issuer.accessToken({ username: 'carla' });
    const response = await postGraphQL(api.graphqlUrl, '{ getProduct(productId: "demo-books-01") { name } }', {
      headers: { authorization: token },
    });
    expect(response.body.data).toEqual({ getProduct: { name: 'The Pragmatic Programmer' } });
  });

  it('returns null for an unknown product', async () => {
    const response = await postGraphQL(api.graphqlUrl, '{ getProduct(productId: "no-such-product") { name } }', {
      headers: guest,
    });
    expect(response.body).toEqual({ data: { getProduct: null } });
  });
});

describe('getProducts', () => {
  it('pages through the whole catalog, returning every product exactly once', async () => {
    const { seen, pages } = await pageThrough(
      'query ($limit: Int, $nextToken: String) { getProducts(limit: $limit, nextToken: $nextToken) { products { productId } nextToken } }',
      { limit: 7 },
      guest,
      'getProducts',
    );
    const catalog = demoCatalog().map((p) => p.productId);
    expect(seen.sort()).toEqual(catalog.sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(catalog.length / 7));
  });

  it('returns 20 products by default', async () => {
    const response = await postGraphQL<{ getProducts: ProductPage }>(
      api.graphqlUrl,
      '{ getProducts { products { productId } nextToken } }',
      {
        headers: customer,
      },
    );
    expect(response.body.data!.getProducts.products).toHaveLength(20);
    expect(response.body.data!.getProducts.nextToken).toEqual(expect.any(String));
  });

  it('refuses a limit above 100 with a BadRequest error', async () => {
    const response = await postGraphQL(api.graphqlUrl, '{ getProducts(limit: 101) { nextToken } }', { headers: guest });
    expect(response.body.data).toBeNull();
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        errorType: 'BadRequest',
        path: ['getProducts'],
        message: 'limit must be between 1 and 100, got 101',
      }),
    ]);
  });

  it('answers a malformed nextToken with a clear error, not a crash', async () => {
    const response = await postGraphQL(api.graphqlUrl, '{ getProducts(nextToken: "not-a-token") { nextToken } }', {
      headers: guest,
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]).toEqual(
      expect.objectContaining({
        path: ['getProducts'],
        errorType: 'BadRequest',
        message: 'nextToken is not a token this list issued: start again without one.',
      }),
    );
    const after = await postGraphQL(api.graphqlUrl, '{ getProduct(productId: "demo-books-01") { name } }', { headers: guest });
    expect(after.body.data).toEqual({ getProduct: { name: 'The Pragmatic Programmer' } });
  });
});

describe('getProductsByCategory', () => {
  it('pages through one category on the category index', async () => {
    const { seen } = await pageThrough(
      'query ($c: String!, $limit: Int, $nextToken: String) { getProductsByCategory(category: $c, limit: $limit, nextToken: $nextToken) { products { productId category } nextToken } }',
      { c: 'kitchen', limit: 3 },
      guest,
      'getProductsByCategory',
    );
    const kitchen = demoCatalog()
      .filter((p) => p.category === 'kitchen')
      .map((p) => p.productId);
    expect(seen).toEqual([...kitchen].sort());
  });

  it('returns an empty page for a category with no products', async () => {
    const response = await postGraphQL(
      api.graphqlUrl,
      '{ getProductsByCategory(category: "none") { products { productId } nextToken } }',
      {
        headers: customer,
      },
    );
    expect(response.body).toEqual({ data: { getProductsByCategory: { products: [], nextToken: null } } });
  });
});

describe('catalog auth', () => {
  it('rejects a request with no credentials with a 401', async () => {
    const response = await postGraphQL(api.graphqlUrl, '{ getProduct(productId: "demo-books-01") { name } }');
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.errorType).toBe('UnauthorizedException');
  });

  it('rejects an expired API key with a 401', async () => {
    const response = await postGraphQL(api.graphqlUrl, '{ getProduct(productId: "demo-books-01") { name } }', {
      headers: { 'x-api-key': api.expiredApiKey },
    });
    expect(response.status).toBe(401);
  });

  it('gives a guest Unauthorized for a field that needs sign-in, with null data', async () => {
    const response = await postGraphQL(api.graphqlUrl, '{ getCart { subtotal } }', { headers: guest });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          path: ['getCart'],
          data: null,
          errorType: 'Unauthorized',
          errorInfo: null,
          locations: [{ line: 1, column: 3, sourceName: null }],
          message: 'Not Authorized to access getCart on type Query',
        },
      ],
    });
  });

  it('keeps the fields a guest may read when another field of the query is denied', async () => {
    const response = await postGraphQL(
      api.graphqlUrl,
      '{ getProduct(productId: "demo-books-01") { name } getOrders { nextToken } }',
      {
        headers: guest,
      },
    );
    expect(response.body.data).toEqual(null);
    const partial = await postGraphQL(
      api.graphqlUrl,
      '{ getProduct(productId: "demo-books-01") { name } getOrder(orderId: "x") { orderId } }',
      {
        headers: guest,
      },
    );
    expect(partial.body.data).toEqual({ getProduct: { name: 'The Pragmatic Programmer' }, getOrder: null });
    expect(partial.body.errors).toEqual([expect.objectContaining({ path: ['getOrder'], errorType: 'Unauthorized' })]);
  });

  it('denies a customer a field reserved for the admin group', async () => {
    const response = await postGraphQL(api.graphqlUrl, '{ getPackagingRequest(orderId: "x") { orderId } }', {
      headers: customer,
    });
    expect(response.body.errors).toEqual([expect.objectContaining({ errorType: 'Unauthorized', path: ['getPackagingRequest'] })]);
  });
});
