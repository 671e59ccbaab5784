// The engine's document cache stays within its bounds whatever clients send: many distinct large
// documents, documents that do not parse, documents larger than the whole cache should hold; and
// a document of too many tokens is refused before it is validated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSyncApi, createAppSyncApi } from '../../../../src/appsync/api.ts';
import type { RequestScope } from '../../../../src/appsync/execution/context.ts';
import { DOCUMENT_CACHE_LIMITS, DocumentCache } from '../../../../src/appsync/execution/documentCache.ts';
import { MAX_DOCUMENT_TOKENS } from '../../../../src/appsync/execution/engine.ts';
import { code } from '../../../support/inlineApi.ts';

let api: AppSyncApi;

const scope: RequestScope = {
  auth: { authType: 'API_KEY', identity: null } as unknown as RequestScope['auth'],
  headers: {},
  domainName: null,
  env: {},
  variables: {},
};

beforeAll(() => {
  api = createAppSyncApi({
    schema: 'type Query { ping: String }',
    authentication: {
      defaultAuthentication: {
        type: 'API_KEY',
        apiKeys: [{ id: 'da2-cachetestkey', expires: Math.floor(Date.now() / 1000) + 3600 }],
      },
      additionalAuthentications: [],
    },
    dataSources: { none: { type: 'NONE' } },
    resolvers: [
      {
        typeName: 'Query',
        fieldName: 'ping',
        dataSource: 'none',
        code: code(
          `export function request() { return { payload: 'pong' } }\nexport function response(ctx) { return ctx.result }`,
        ),
      },
    ],
  });
});

afterAll(() => api?.close());

/** A valid document of about `size` characters, made distinct by `n` (padding in a comment parses quickly). */
function largeDocument(n: number, size: number): string {
  const head = `# ${n} `;
  return `${head}${'x'.repeat(size - head.length - 10)}\n{ ping }`;
}

describe('the document cache', () => {
  it('keeps its total under the bound while many distinct large documents are executed', async () => {
    const size = Math.floor(DOCUMENT_CACHE_LIMITS.maxChars / 20);
    for (let n = 0; n < 100; n++) {
      const { body } = await api.engine.execute({ query: largeDocument(n, size) }, scope);
      expect(body).toEqual({ data: { ping: 'pong' } });
      expect(api.engine.documentCacheStats().chars).toBeLessThanOrEqual(DOCUMENT_CACHE_LIMITS.maxChars);
    }
    expect(api.engine.documentCacheStats().entries).toBeGreaterThan(0);
  });

  it('does not keep documents that fail to parse', async () => {
    const before = api.engine.documentCacheStats();
    for (let n = 0; n < 50; n++) {
      const { body } = await api.engine.execute({ query: `{ ping ${'('.repeat(n + 1)}` }, scope);
      expect(body.errors?.[0]?.message).toMatch(/^Invalid Syntax/);
    }
    expect(api.engine.documentCacheStats()).toEqual(before);
  });

  it('answers but does not keep a document larger than a tenth of its bound', async () => {
    const before = api.engine.documentCacheStats();
    const { body } = await api.engine.execute({ query: largeDocument(-1, DOCUMENT_CACHE_LIMITS.maxChars / 5) }, scope);
    expect(body).toEqual({ data: { ping: 'pong' } });
    expect(api.engine.documentCacheStats()).toEqual(before);
  });
});

describe('the token limit', () => {
  it(`refuses a document of more than ${MAX_DOCUMENT_TOKENS} tokens, as graphql-java words it, and keeps serving`, async () => {
    const { body } = await api.engine.execute({ query: `{ ${'ping '.repeat(MAX_DOCUMENT_TOKENS)} }` }, scope);
    expect(body).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          message: `Invalid Syntax : More than ${MAX_DOCUMENT_TOKENS} 'grammar' tokens have been presented. To prevent Denial Of Service attacks, parsing has been cancelled.`,
        }),
      ],
    });
    expect((await api.engine.execute({ query: '{ ping }' }, scope)).body).toEqual({ data: { ping: 'pong' } });
  });

  it('does not count comments and whitespace', async () => {
    const { body } = await api.engine.execute({ query: `${'# a comment\n'.repeat(MAX_DOCUMENT_TOKENS)}{ ping }` }, scope);
    expect(body).toEqual({ data: { ping: 'pong' } });
  });
});

describe('DocumentCache', () => {
  it('evicts the least recently used text first, by entries and by length', () => {
    const cache = new DocumentCache<number>({ maxEntries: 3, maxChars: 100 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1); // a is now the most recently used
    cache.set('d', 4);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.stats()).toEqual({ entries: 3, chars: 3 });
    cache.set('e'.repeat(11), 5); // over a tenth of 100 characters: not kept
    expect(cache.stats()).toEqual({ entries: 3, chars: 3 });
    cache.set('f'.repeat(9), 6);
    cache.set('g'.repeat(9), 7);
    expect(cache.stats()).toEqual({ entries: 3, chars: 19 });
    expect(cache.get('a')).toBeUndefined();
  });
});
