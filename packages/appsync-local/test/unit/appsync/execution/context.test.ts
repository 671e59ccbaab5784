import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code, serveInline } from '../../../support/inlineApi.ts';

const schema = /* GraphQL */ `
  type Query {
    echo(id: ID!, filter: Filter): Echo
    author: Author
    crash: String
    spin: String
    listing: Listing
  }
  type Listing {
    names: String
    text: String
  }
  input Filter {
    name: String
    minimum: Int
  }
  type Echo {
    ctx: AWSJSON
    nested: Nested
  }
  type Nested {
    a: String
    b: Deeper
  }
  type Deeper {
    c: String
  }
  type Author {
    name: String
    book: Book
  }
  type Book {
    title: String
    authorName: String
  }
`;

const echoContext = code(`
  export function request(ctx) { return { payload: null } }
  export function response(ctx) {
    return {
      ctx: JSON.stringify({
        arguments: ctx.arguments, args: ctx.args, identity: ctx.identity, source: ctx.source,
        info: ctx.info, header: ctx.request.headers['x-custom'], env: ctx.env, authType: util.authType(),
        hasResult: Object.hasOwn(ctx, 'result'), error: ctx.error ?? null,
      }),
    };
  }
`);

let server: Awaited<ReturnType<typeof serveInline>>;

beforeAll(async () => {
  server = await serveInline({
    schema,
    dataSources: { none: { type: 'NONE' } },
    environmentVariables: { STAGE: 'test' },
    resolverTimeoutMs: 200,
    resolvers: [
      { typeName: 'Query', fieldName: 'echo', dataSource: 'none', code: echoContext },
      {
        typeName: 'Query',
        fieldName: 'author',
        dataSource: 'none',
        code: code(`
          export function request(ctx) { return { payload: { name: 'Ursula', book: { title: 'The Dispossessed' } } } }
          export function response(ctx) { return ctx.result }
        `),
      },
      {
        typeName: 'Book',
        fieldName: 'authorName',
        dataSource: 'none',
        code: code(`
          export function request(ctx) { return { payload: ctx.source.title + ' by ' + ctx.stash.who } }
          export function response(ctx) { return ctx.result }
        `),
      },
      {
        typeName: 'Query',
        fieldName: 'crash',
        dataSource: 'none',
        code: code(`
          export function request(ctx) { return { payload: ctx.args.missing.deeper } }
          export function response(ctx) { return ctx.result }
        `),
      },
      {
        typeName: 'Query',
        fieldName: 'listing',
        dataSource: 'none',
        code: code(`
          export function request(ctx) {
            const list = ctx.info.selectionSetList;
            list.push('added');
            return { payload: { names: list.join(','), text: ctx.info.selectionSetGraphQL } };
          }
          export function response(ctx) { return ctx.result }
        `),
      },
      {
        typeName: 'Query',
        fieldName: 'spin',
        dataSource: 'none',
        code: code(`
          export function request(ctx) {
            const big = Array.from({ length: 100000 });
            let n = 0;
            for (const a of big) { for (const b of big) { n = n + 1 } }
            return { payload: n };
          }
          export function response(ctx) { return ctx.result }
        `),
      },
    ],
  });
});

afterAll(async () => {
  await server?.close();
});

describe('ctx', () => {
  it('carries arguments, identity, source, info, headers and env as AppSync builds them', async () => {
    const response = await server.query(
      'query Echo($id: ID!) { echo(id: $id, filter: { name: "x" }) { ctx nested { a b { c } } } }',
      { id: '42' },
      { 'x-custom': 'hello' },
    );
    const ctx = JSON.parse((response.body.data as { echo: { ctx: string } }).echo.ctx);
    expect(ctx).toEqual({
      arguments: { id: '42', filter: { name: 'x' } },
      args: { id: '42', filter: { name: 'x' } },
      identity: null,
      source: null,
      info: {
        fieldName: 'echo',
        parentTypeName: 'Query',
        variables: { id: '42' },
        selectionSetList: ['ctx', 'nested', 'nested/a', 'nested/b', 'nested/b/c'],
        selectionSetGraphQL: '{\n  ctx\n  nested {\n    a\n    b {\n      c\n    }\n  }\n}',
      },
      header: 'hello',
      env: { STAGE: 'test' },
      authType: 'API Key Authorization',
      hasResult: true,
      error: null,
    });
  });

  it('gives every request of a document the same selection list and text, whatever an earlier handler did to its own', async () => {
    const query = '{ listing { names text } }';
    const expected = { listing: { names: 'names,text,added', text: '{\n  names\n  text\n}' } };
    for (let i = 0; i < 3; i += 1) expect((await server.query(query)).body.data).toEqual(expected);
  });

  it('lists aliases in selectionSetList by their alias', async () => {
    const response = await server.query('{ echo(id: "1") { ctx renamed: nested { a } } }');
    const ctx = JSON.parse((response.body.data as { echo: { ctx: string } }).echo.ctx);
    expect(ctx.info.selectionSetList).toEqual(['ctx', 'renamed', 'renamed/a']);
  });

  it('gives a nested field resolver its parent as ctx.source and a fresh stash', async () => {
    const response = await server.query('{ author { name book { title authorName } } }');
    expect(response.body).toEqual({
      data: { author: { name: 'Ursula', book: { title: 'The Dispossessed', authorName: 'The Dispossessed by undefined' } } },
    });
  });
});

describe('errors in resolver code', () => {
  it('reports an exception in the code with errorType Code and the position', async () => {
    const response = await server.query('{ crash }');
    expect(response.body.data).toEqual({ crash: null });
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        path: ['crash'],
        errorType: 'Code',
        message: expect.stringMatching(/^Query\.crash\.js:\d+:\d+: TypeError: Cannot read properties of undefined/),
      }),
    ]);
  });

  it('stops code that runs past the time limit, and keeps serving', async () => {
    const response = await server.query('{ spin }');
    expect(response.body.errors).toEqual([expect.objectContaining({ path: ['spin'], errorType: 'Code' })]);
    const after = await server.query('{ author { name } }');
    expect(after.body.data).toEqual({ author: { name: 'Ursula' } });
  });
});
