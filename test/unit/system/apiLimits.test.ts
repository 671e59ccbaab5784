// The API's limits (system/api.ts's API_LIMITS) held against the schema and the pages the API
// serves: a schema change that needs deeper queries, or a page that runs more resolvers than the
// limit allows, fails here rather than on AppSync.
import { readFileSync } from 'node:fs';
import { getNamedType, type GraphQLObjectType, type GraphQLSchema, isInterfaceType, isObjectType } from 'graphql';
import { buildAppSyncSchema } from 'appsync-local/appsync/execution/schema.ts';
import { describe, expect, it } from 'vitest';
import { API_LIMITS, RESOLVERS } from '../../../system/api.ts';
import { SCHEMA_FILE } from '../../../system/artifacts.ts';
import { MAX_PAGE_SIZE } from '../../../domain/paging.ts';

const schema = buildAppSyncSchema(readFileSync(SCHEMA_FILE, 'utf8'));

/** The deepest field below `type` (a leaf counts as a level); Infinity if the types form a cycle. */
function deepestBelow(schema: GraphQLSchema, type: GraphQLObjectType, path: Set<string> = new Set()): number {
  if (path.has(type.name)) return Number.POSITIVE_INFINITY;
  path.add(type.name);
  let deepest = 0;
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    const below = isObjectType(named) ? deepestBelow(schema, named, path) : isInterfaceType(named) ? 1 : 0;
    deepest = Math.max(deepest, 1 + below);
  }
  path.delete(type.name);
  return deepest;
}

describe('API_LIMITS', () => {
  it('are within what CreateGraphqlApi accepts', () => {
    expect(API_LIMITS.queryDepthLimit).toBeGreaterThanOrEqual(1);
    expect(API_LIMITS.queryDepthLimit).toBeLessThanOrEqual(75);
    expect(API_LIMITS.resolverCountLimit).toBeGreaterThanOrEqual(1);
    expect(API_LIMITS.resolverCountLimit).toBeLessThanOrEqual(10_000);
  });

  it('let every field of the schema be selected: its deepest path fits the depth limit', () => {
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
      (type): type is GraphQLObjectType => type !== null && type !== undefined,
    );
    const deepest = Math.max(...roots.map((root) => deepestBelow(schema, root)));
    expect(deepest).toBeLessThanOrEqual(API_LIMITS.queryDepthLimit);
  });

  it('let a full page run every nested resolver of its items: 1 + (resolvers of the item type) × MAX_PAGE_SIZE', () => {
    const nestedByType = new Map<string, number>();
    for (const { typeName } of RESOLVERS) {
      if (!['Query', 'Mutation', 'Subscription'].includes(typeName))
        nestedByType.set(typeName, (nestedByType.get(typeName) ?? 0) + 1);
    }
    const largestPage = 1 + Math.max(0, ...nestedByType.values()) * MAX_PAGE_SIZE;
    expect(largestPage).toBeGreaterThan(1);
    expect(largestPage).toBeLessThanOrEqual(API_LIMITS.resolverCountLimit);
  });
});
