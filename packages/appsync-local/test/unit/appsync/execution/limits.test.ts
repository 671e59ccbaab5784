// The limits an AppSync API applies to a request: its query depth limit, resolver count limit and
// introspection setting ("Configuring GraphQL run complexity, query depth, and introspection",
// https://docs.aws.amazon.com/appsync/latest/devguide/configuration-limits.html) and the quota
// "Request execution time for mutations, queries, and subscriptions: 30 seconds"
// (https://docs.aws.amazon.com/general/latest/gr/appsync.html).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppSyncApi } from '../../../../src/appsync/api.ts';
import { code, serveInline } from '../../../support/inlineApi.ts';

const schema = /* GraphQL */ `
  type Query {
    nextLayer: Layer
    strictLayer: StrictLayer
    counted: String
    items(count: Int!): [Item]
    slow: String
    fast: String
  }
  type Layer {
    value: String
    nextLayer: Layer
  }
  type StrictLayer {
    inner: StrictInner
  }
  type StrictInner {
    value: String!
  }
  type Item {
    index: Int
    resolved: String
  }
`;

const layer = code(`
  export function request() { return {} }
  export function response() { return { value: 'here' } }
`);

function limitedApi(limits: Parameters<typeof serveInline>[0]['limits'], extra: { slowEndpoint?: string } = {}) {
  return serveInline({
    schema,
    limits,
    dataSources: {
      none: { type: 'NONE' },
      ...(extra.slowEndpoint ? { slow: { type: 'HTTP' as const, endpoint: extra.slowEndpoint, timeoutMs: 60_000 } } : {}),
    },
    resolvers: [
      { typeName: 'Query', fieldName: 'nextLayer', dataSource: 'none', code: layer },
      { typeName: 'Layer', fieldName: 'nextLayer', dataSource: 'none', code: layer },
      {
        typeName: 'Query',
        fieldName: 'strictLayer',
        dataSource: 'none',
        code: code(`export function request() { return {} }
          export function response() { return { inner: { value: 'deep' } } }`),
      },
      {
        typeName: 'Query',
        fieldName: 'counted',
        dataSource: 'none',
        code: code(`export function request() { console.log('counted ran'); return {} }
          export function response() { return 'ran' }`),
      },
      {
        typeName: 'Query',
        fieldName: 'items',
        dataSource: 'none',
        // count × … up to 100 × 100 items, with for-of over literals (APPSYNC_JS has no for(;;) loop).
        code: code(`const HUNDRED = ${JSON.stringify([...Array(100).keys()])};
          export function request(ctx) { return { payload: ctx.args.count } }
          export function response(ctx) {
            const items = [];
            for (const high of HUNDRED) {
              for (const low of HUNDRED) {
                if (high * 100 + low < ctx.result) { items.push({ index: high * 100 + low }) }
              }
            }
            return items;
          }`),
      },
      {
        typeName: 'Item',
        fieldName: 'resolved',
        dataSource: 'none',
        code: code(`export function request() { return {} }
          export function response(ctx) { return 'item ' + ctx.source.index }`),
      },
      ...(extra.slowEndpoint
        ? [
            {
              typeName: 'Query',
              fieldName: 'slow',
              dataSource: 'slow',
              code: code(`export function request() { return { method: 'GET', resourcePath: '/never' } }
                export function response(ctx) { return ctx.result.body }`),
            },
            {
              typeName: 'Query',
              fieldName: 'fast',
              dataSource: 'none',
              code: code(`export function request() { return {} }
                export function response() { return 'fast' }`),
            },
          ]
        : []),
    ],
  });
}

describe('queryDepthLimit (configuration-limits: "Configuring query depth limits")', () => {
  let server: Awaited<ReturnType<typeof limitedApi>>;
  beforeAll(async () => {
    server = await limitedApi({ queryDepthLimit: 2 });
  });
  afterAll(() => server.close());

  it("fails the fields past the limit with QueryDepthLimitReached and keeps the rest (the documentation's L1…L4 example)", async () => {
    const { body } = await server.query(`query MyQuery { L1: nextLayer { L2: nextLayer { L3: nextLayer { L4: value } } } }`);
    expect(body.data).toEqual({ L1: { L2: { L3: null } } });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['L1', 'L2', 'L3'], errorType: 'QueryDepthLimitReached' })]);
  });

  it('counts a leaf as a level: a scalar at depth 3 fails, one at depth 2 resolves', async () => {
    const { body } = await server.query(`{ nextLayer { value nextLayer { value } } }`);
    expect(body.data).toEqual({ nextLayer: { value: 'here', nextLayer: { value: null } } });
    expect(body.errors?.map((e) => e.path)).toEqual([['nextLayer', 'nextLayer', 'value']]);
  });

  it('carries the error of a non-null field up to its first nullable parent ("thrown to the first nullable parent field")', async () => {
    const { body } = await server.query(`{ strictLayer { inner { value } } }`);
    expect(body.data).toEqual({ strictLayer: { inner: null } });
    expect(body.errors).toEqual([expect.objectContaining({ errorType: 'QueryDepthLimitReached' })]);
  });
});

describe('resolverCountLimit (configuration-limits: "Configuring resolver count limits")', () => {
  it('fails each resolver past the limit with ResolverExecutionLimitReached, without running it', async () => {
    const logged: string[] = [];
    const server = await serveInline({
      schema,
      limits: { resolverCountLimit: 2 },
      log: (_level, _name, args) => logged.push(String(args[0])),
      dataSources: { none: { type: 'NONE' } },
      resolvers: [
        {
          typeName: 'Query',
          fieldName: 'counted',
          dataSource: 'none',
          code: code(`export function request() { console.log('counted ran'); return {} }
            export function response() { return 'ran' }`),
        },
      ],
    });
    try {
      const { body } = await server.query(`{ resolver1: counted resolver2: counted resolver3: counted }`);
      expect(body.data).toEqual({ resolver1: 'ran', resolver2: 'ran', resolver3: null });
      expect(body.errors).toEqual([expect.objectContaining({ path: ['resolver3'], errorType: 'ResolverExecutionLimitReached' })]);
      expect(logged).toEqual(['counted ran', 'counted ran']);
    } finally {
      await server.close();
    }
  });

  it('applies AppSync\'s quota of 10,000 resolvers a request when no limit is set ("Resolvers executed in a single request")', async () => {
    const server = await limitedApi(undefined);
    try {
      // items (1 resolver) + 10,000 × Item.resolved: the last one is the 10,001st.
      const { body } = await server.query(`{ items(count: 10000) { index resolved } }`);
      const items = (body.data as { items: { index: number; resolved: string | null }[] }).items;
      expect(items[9998]).toEqual({ index: 9998, resolved: 'item 9998' });
      expect(items[9999]).toEqual({ index: 9999, resolved: null });
      expect(body.errors).toEqual([
        expect.objectContaining({ path: ['items', 9999, 'resolved'], errorType: 'ResolverExecutionLimitReached' }),
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('introspection (configuration-limits: "Using the introspection feature")', () => {
  it('answers introspection by default', async () => {
    const server = await limitedApi(undefined);
    try {
      const { body } = await server.query(`{ __schema { queryType { name } } }`);
      expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await server.close();
    }
  });

  it('answers a validation error instead when it is disabled; __typename still resolves', async () => {
    const server = await limitedApi({ introspection: false });
    try {
      const schemaQuery = await server.query(`{ __schema { types { name } } }`);
      expect(schemaQuery.body.data).toBeNull();
      expect(schemaQuery.body.errors?.map((e) => e.message)).toEqual([
        "Validation error of type FieldUndefined: Field 'types' in type '__Schema' is undefined @ '__schema/types'",
      ]);
      const typeQuery = await server.query(`{ __type(name: "Layer") { fields { name } } }`);
      expect(typeQuery.body.errors?.[0]?.message).toBe(
        "Validation error of type FieldUndefined: Field 'fields' in type '__Type' is undefined @ '__type/fields'",
      );
      const typename = await server.query(`{ __typename nextLayer { __typename value } }`);
      expect(typename.body).toEqual({ data: { __typename: 'Query', nextLayer: { __typename: 'Layer', value: 'here' } } });
    } finally {
      await server.close();
    }
  });
});

describe('the request time limit (quota: "Request execution time … 30 seconds")', () => {
  let hanging: Server;
  let endpoint: string;
  beforeAll(async () => {
    // A backend that never answers: only the request's time limit ends the wait.
    hanging = createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    hanging.closeAllConnections();
    await new Promise<void>((resolve) => hanging.close(() => resolve()));
  });

  it('answers what has resolved, and "Execution timed out." for the fields still waiting', async () => {
    const server = await limitedApi({ requestTimeoutMs: 300 }, { slowEndpoint: endpoint });
    try {
      const { body } = await server.query(`{ fast slow }`);
      expect(body.data).toEqual({ fast: 'fast', slow: null });
      expect(body.errors).toEqual([
        expect.objectContaining({ path: ['slow'], errorType: 'ExecutionTimeout', message: 'Execution timed out.' }),
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('limit values', () => {
  const base = {
    schema,
    authentication: { defaultAuthentication: { type: 'API_KEY' as const, apiKeys: [] }, additionalAuthentications: [] },
    dataSources: {},
    resolvers: [],
  };

  it('refuses the values CreateGraphqlApi refuses (queryDepthLimit 0–75, resolverCountLimit 0–10,000)', () => {
    expect(() => createAppSyncApi({ ...base, limits: { queryDepthLimit: 76 } })).toThrow(
      /queryDepthLimit must be an integer from 0 to 75/,
    );
    expect(() => createAppSyncApi({ ...base, limits: { resolverCountLimit: 10_001 } })).toThrow(
      /resolverCountLimit must be an integer from 0 to 10000/,
    );
    expect(() => createAppSyncApi({ ...base, limits: { queryDepthLimit: 1.5 } })).toThrow(RangeError);
  });

  it('reads 0 as "no depth limit" and "the quota of 10,000 resolvers"', () => {
    const api = createAppSyncApi({ ...base, limits: { queryDepthLimit: 0, resolverCountLimit: 0 } });
    expect(api.engine.limits).toMatchObject({ queryDepthLimit: 0, resolverCountLimit: 10_000, introspection: true });
    api.close();
  });
});
