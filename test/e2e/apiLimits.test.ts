// The API's limits (system/api.ts's API_LIMITS) as a guest meets them on the running stack: a
// request that aliases the catalog scan runs at most `resolverCountLimit` resolvers; the one past
// it fails with AppSync's ResolverExecutionLimitReached.
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import { describe, expect, it } from 'vitest';
import { API_LIMITS } from '../../system/api.ts';
import { localStack } from '../support/stack.ts';

const { local } = localStack();

describe("the API's resolver count limit", () => {
  const headers = { 'x-api-key': local.apiKey };
  const aliased = (count: number) =>
    `{ ${Array.from({ length: count }, (_, i) => `p${i}: getProducts(limit: 1) { nextToken }`).join(' ')} }`;

  it('answers a guest request that runs as many resolvers as the limit allows', async () => {
    const { body } = await postGraphQL(local.graphqlUrl, aliased(API_LIMITS.resolverCountLimit), { headers });
    expect(body.errors).toBeUndefined();
    expect(Object.keys(body.data as object)).toHaveLength(API_LIMITS.resolverCountLimit);
  });

  it('stops the resolver past the limit with ResolverExecutionLimitReached (getProducts is non-null, so data is null)', async () => {
    const { body } = await postGraphQL(local.graphqlUrl, aliased(API_LIMITS.resolverCountLimit + 1), { headers });
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: [`p${API_LIMITS.resolverCountLimit}`],
        errorType: 'ResolverExecutionLimitReached',
        message: 'Resolver invocation limit reached.',
      }),
    ]);
  });

  it('lets introspection through, as the explorer needs it', async () => {
    const { body } = await postGraphQL(local.graphqlUrl, '{ __schema { queryType { name } } }', {
      headers: { 'x-api-key': local.apiKey },
    });
    expect(body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});
