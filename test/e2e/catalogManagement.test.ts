// Catalog management (putProduct, deleteProduct) and catalog reads, through GraphQL over HTTP on
// the test run's local stack.
import { beforeAll, describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import { demoCatalog } from '../../backend-services/products/seed/demoCatalog.ts';
import type { Product, ProductInput } from '../../generated/graphql.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import type { GraphQLHttpResponse } from 'appsync-local/testing/graphql.ts';
import { PRODUCT_FIELDS, productInput, putProduct, storeClient, uniqueId, type Headers } from '../support/storeApi.ts';

const { local } = localStack();
const graphql = storeClient(local.graphqlUrl);

const PUT = `mutation ($input: ProductInput!) { putProduct(input: $input) { ${PRODUCT_FIELDS} } }`;
const DELETE = `mutation ($id: ID!) { deleteProduct(productId: $id) { ${PRODUCT_FIELDS} } }`;
const GET = `query ($id: ID!) { getProduct(productId: $id) { ${PRODUCT_FIELDS} } }`;

interface ProductPage {
  products: { productId: string }[];
  nextToken: string | null;
}

let guest: Headers;
let customer: Headers;
let admin: Headers;

beforeAll(async () => {
  guest = { 'x-api-key': local.apiKey };
  customer = { authorization: await idTokenOf(local, 'customer') };
  admin = { authorization: await idTokenOf(local, 'admin') };
});

async function readProduct(productId: string): Promise<Product | null> {
  const response = await graphql<{ getProduct: Product | null }>(GET, { id: productId }, guest);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.getProduct;
}

describe('putProduct', () => {
  it('creates a product with a generated id, its dates, and empty tags and pictures by default', async () => {
    const before = new Date().toISOString();
    const response = await graphql<{ putProduct: Product }>(
      PUT,
      { input: productInput({ name: '  Desk Lamp ', category: ' test-home ' }) },
      admin,
    );
    expect(response.body.errors).toBeUndefined();
    const product = response.body.data!.putProduct;
    expect(product).toEqual({
      productId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Desk Lamp',
      description: null,
      category: 'test-home',
      tags: [],
      pictures: [],
      price: 4900,
      package: { width: 200, length: 200, height: 400, weight: 1500 },
      stock: 10,
      lowStockThreshold: 5,
      version: 1,
      createdDate: product.modifiedDate,
      modifiedDate: expect.any(String),
    });
    expect(product.createdDate >= before).toBe(true);
    expect(await readProduct(product.productId)).toEqual(product);
  });

  it('uses the productId it is given, and stores every field', async () => {
    const input = productInput({
      productId: uniqueId('managed'),
      description: 'A lamp for a desk.',
      tags: ['lighting', 'desk'],
      pictures: ['https://example.com/lamp.jpg'],
    });
    const product = await putProduct(local.graphqlUrl, admin, input);
    expect(product).toEqual(expect.objectContaining({ ...input, package: input.package }));
    expect(await readProduct(input.productId!)).toEqual(product);
  });

  it('replaces every field when put again, but keeps createdDate', async () => {
    const productId = uniqueId('managed');
    const first = await putProduct(
      local.graphqlUrl,
      admin,
      productInput({ productId, description: 'old', tags: ['a'], pictures: ['p'] }),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const replacement = productInput({
      productId,
      name: 'Floor Lamp',
      category: 'test-lighting',
      price: 9900,
      lowStockThreshold: 2,
      package: { width: 400, length: 400, height: 1600, weight: 6000 },
    });
    const second = await putProduct(local.graphqlUrl, admin, replacement);
    expect(second).toEqual({
      ...replacement,
      description: null,
      tags: [],
      pictures: [],
      version: 2,
      createdDate: first.createdDate,
      modifiedDate: expect.any(String),
    });
    expect(second.modifiedDate > first.modifiedDate).toBe(true);
    expect(await readProduct(productId)).toEqual(second);
  });

  it('accepts a price, stock and package of 0', async () => {
    const input = productInput({
      productId: uniqueId('managed'),
      price: 0,
      stock: 0,
      package: { width: 0, length: 0, height: 0, weight: 0 },
    });
    expect(await putProduct(local.graphqlUrl, admin, input)).toEqual(
      expect.objectContaining({ price: 0, stock: 0, package: input.package }),
    );
  });

  const badInputs: [string, Partial<ProductInput>, string][] = [
    ['a blank name', { name: '   ' }, 'name must not be blank'],
    ['a blank category', { category: '' }, 'category must not be blank'],
    ['a negative price', { price: -1 }, 'price must be at least 0, got -1'],
    ['a price over 100,000,000', { price: 100_000_001 }, 'price must be at most 100000000 (minor units), got 100000001'],
    ['a negative stock', { stock: -5 }, 'stock must be at least 0, got -5'],
    ['a negative width', { package: { width: -1, length: 1, height: 1, weight: 1 } }, 'package.width must be at least 0, got -1'],
    [
      'a negative length',
      { package: { width: 1, length: -1, height: 1, weight: 1 } },
      'package.length must be at least 0, got -1',
    ],
    [
      'a negative height',
      { package: { width: 1, length: 1, height: -1, weight: 1 } },
      'package.height must be at least 0, got -1',
    ],
    [
      'a negative weight',
      { package: { width: 1, length: 1, height: 1, weight: -1 } },
      'package.weight must be at least 0, got -1',
    ],
    ['a blank tag', { tags: ['ok', ' '] }, 'tags must not be blank'],
    ['a blank picture', { pictures: [''] }, 'pictures must not be blank'],
  ];

  it.each(badInputs)('refuses %s with BadRequest and leaves the product as it was', async (_case, overrides, problem) => {
    const productId = uniqueId('managed');
    const original = await putProduct(local.graphqlUrl, admin, productInput({ productId }));
    const response = await graphql(PUT, { input: productInput({ productId, name: 'Changed', ...overrides }) }, admin);
    expect(response.body.data).toBeNull();
    expect(response.body.errors).toEqual([
      expect.objectContaining({ errorType: 'BadRequest', path: ['putProduct'], message: expect.stringContaining(problem) }),
    ]);
    expect(await readProduct(productId)).toEqual(original);
  });

  it('names every problem of the input in one error', async () => {
    const response = await graphql(PUT, { input: productInput({ name: '', price: -1, stock: -1 }) }, admin);
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        errorType: 'BadRequest',
        message: 'Invalid product: name must not be blank; price must be at least 0, got -1; stock must be at least 0, got -1.',
      }),
    ]);
  });

  it.each(['#cart', 'has space', '', '-leading-dash', 'x'.repeat(129)])(
    'refuses the productId %j and creates nothing',
    async (productId) => {
      const response = await graphql(PUT, { input: productInput({ productId }) }, admin);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ errorType: 'BadRequest', message: expect.stringContaining('productId must be') }),
      ]);
      if (productId !== '') expect(await readProduct(productId)).toBeNull();
    },
  );

  it('refuses a price that is not an integer before any resolver runs', async () => {
    const productId = uniqueId('managed');
    const response = await graphql(PUT, { input: { ...productInput({ productId }), price: 9.99 } }, admin);
    expect(response.body.data).toBeFalsy();
    expect(response.body.errors?.length).toBeGreaterThan(0);
    expect(await readProduct(productId)).toBeNull();
  });

  it('denies a customer and a guest with Unauthorized, and creates nothing', async () => {
    for (const caller of [customer, guest]) {
      const productId = uniqueId('managed');
      const response = await graphql(PUT, { input: productInput({ productId }) }, caller);
      expect(response.body.data).toBeNull();
      expect(response.body.errors).toEqual([expect.objectContaining({ errorType: 'Unauthorized', path: ['putProduct'] })]);
      expect(await readProduct(productId)).toBeNull();
    }
  });

  it('denies a customer the replacement of an existing product', async () => {
    const productId = uniqueId('managed');
    const original = await putProduct(local.graphqlUrl, admin, productInput({ productId }));
    const response = await graphql(PUT, { input: productInput({ productId, price: 1 }) }, customer);
    expect(response.body.errors).toEqual([expect.objectContaining({ errorType: 'Unauthorized' })]);
    expect(await readProduct(productId)).toEqual(original);
  });
});

describe('deleteProduct', () => {
  it('deletes a product and answers it as it was', async () => {
    const product = await putProduct(local.graphqlUrl, admin, productInput({ productId: uniqueId('managed') }));
    const response = await graphql(DELETE, { id: product.productId }, admin);
    expect(response.body).toEqual({ data: { deleteProduct: product } });
    expect(await readProduct(product.productId)).toBeNull();
  });

  it('answers null for a product that does not exist', async () => {
    const response = await graphql(DELETE, { id: uniqueId('missing') }, admin);
    expect(response.body).toEqual({ data: { deleteProduct: null } });
  });

  it('refuses a blank productId with BadRequest', async () => {
    const response = await graphql(DELETE, { id: ' ' }, admin);
    expect(response.body.errors).toEqual([
      expect.objectContaining({ errorType: 'BadRequest', message: 'productId must not be blank' }),
    ]);
  });

  it('denies a customer and a guest with Unauthorized, and deletes nothing', async () => {
    const product = await putProduct(local.graphqlUrl, admin, productInput({ productId: uniqueId('managed') }));
    for (const caller of [customer, guest]) {
      const response = await graphql(DELETE, { id: product.productId }, caller);
      // deleteProduct is nullable: the denied field is null, the rest of the data stays.
      expect(response.body.data).toEqual({ deleteProduct: null });
      expect(response.body.errors).toEqual([expect.objectContaining({ errorType: 'Unauthorized', path: ['deleteProduct'] })]);
    }
    expect(await readProduct(product.productId)).toEqual(product);
  });
});

describe('the stack’s catalog', () => {
  it('serves one product to a guest, a customer and an admin alike', async () => {
    const expected = demoCatalog()[0]!;
    for (const caller of [guest, customer, admin]) {
      const response = await graphql(GET, { id: expected.productId }, caller);
      expect(response.body).toEqual({
        data: { getProduct: expect.objectContaining({ productId: expected.productId, name: expected.name }) },
      });
    }
  });

  it('pages through the whole catalog, returning every product exactly once', async () => {
    // Other test files add and delete their own products meanwhile; the demo catalog stays.
    const seen: string[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const response: GraphQLHttpResponse<{ getProducts: ProductPage }> = await graphql(
        'query ($nextToken: String) { getProducts(limit: 17, nextToken: $nextToken) { products { productId } nextToken } }',
        { nextToken },
        customer,
      );
      expect(response.body.errors).toBeUndefined();
      seen.push(...response.body.data!.getProducts.products.map((p) => p.productId));
      nextToken = response.body.data!.getProducts.nextToken;
      pages += 1;
    } while (nextToken && pages < 1000);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(demoCatalog().map((p) => p.productId)));
  });

  it('lists a product an admin put in its category', async () => {
    const category = uniqueId('test-category');
    const product = await putProduct(local.graphqlUrl, admin, productInput({ productId: uniqueId('managed'), category }));
    const response = await graphql(
      'query ($c: String!) { getProductsByCategory(category: $c) { products { productId } nextToken } }',
      { c: category },
      guest,
    );
    expect(response.body).toEqual({
      data: { getProductsByCategory: { products: [{ productId: product.productId }], nextToken: null } },
    });
  });
});
