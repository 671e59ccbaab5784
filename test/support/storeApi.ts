// Small helpers for end-to-end tests of the store's API on the test run's local stack.
import { randomUUID } from 'node:crypto';
import type { Product, ProductInput } from '../../generated/graphql.ts';
import { type GraphQLHttpResponse, postGraphQL } from 'appsync-local/testing/graphql.ts';

export const PRODUCT_FIELDS =
  'productId name description category tags pictures price package { width length height weight } stock lowStockThreshold version createdDate modifiedDate';

export type Headers = Record<string, string>;

/** A GraphQL client bound to one API URL. */
export function storeClient(graphqlUrl: string) {
  return <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    headers: Headers,
  ): Promise<GraphQLHttpResponse<T>> => postGraphQL<T>(graphqlUrl, query, { variables, headers });
}

/** An id no other test (of this run or another) uses. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}

export function productInput(overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    name: 'Test Lamp',
    category: 'test-home',
    price: 4900,
    stock: 10,
    package: { width: 200, length: 200, height: 400, weight: 1500 },
    ...overrides,
  };
}

/** Creates (or replaces) a product as an admin and returns it; fails the test on any error. */
export async function putProduct(graphqlUrl: string, admin: Headers, input: ProductInput): Promise<Product> {
  const response = await postGraphQL<{ putProduct: Product }>(
    graphqlUrl,
    `mutation ($input: ProductInput!) { putProduct(input: $input) { ${PRODUCT_FIELDS} } }`,
    { variables: { input }, headers: admin },
  );
  if (response.body.errors || !response.body.data) {
    throw new Error(`putProduct failed: ${JSON.stringify(response.body.errors)}`);
  }
  return response.body.data.putProduct;
}
