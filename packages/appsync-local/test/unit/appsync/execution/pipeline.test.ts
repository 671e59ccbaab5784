import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code, serveInline } from '../../../support/inlineApi.ts';

const schema = /* GraphQL */ `
  type Query {
    pipeline(input: String): Result
    early(skipTo: String): Result
    earlyAtStart: Result
    failing: Result
    appended: Result
    denied: Result
    unitEarly: Result
  }
  type Result {
    value: String
    trail: [String]
  }
`;

const passThrough = code(`
  export function request(ctx) { return { payload: ctx.prev.result } }
  export function response(ctx) { return ctx.result }
`);

let server: Awaited<ReturnType<typeof serveInline>>;

beforeAll(async () => {
  server = await serveInline({
    schema,
    dataSources: { none: { type: 'NONE' } },
    functions: {
      first: {
        dataSource: 'none',
        code: code(`
          export function request(ctx) {
            ctx.stash.trail = [...ctx.stash.trail, 'first:' + ctx.prev.result.value];
            return { payload: { value: ctx.prev.result.value + '>first' } };
          }
          export function response(ctx) { return ctx.result }
        `),
      },
      second: {
        dataSource: 'none',
        code: code(`
          export function request(ctx) {
            ctx.stash.trail = [...ctx.stash.trail, 'second:' + ctx.prev.result.value];
            return { payload: { value: ctx.prev.result.value + '>second' } };
          }
          export function response(ctx) { return { value: ctx.result.value + '!' } }
        `),
      },
      skipper: {
        dataSource: 'none',
        code: code(`
          export function request(ctx) {
            ctx.stash.trail = [...ctx.stash.trail, 'skipper'];
            if (ctx.args.skipTo === 'END') { runtime.earlyReturn({ value: 'skipped-to-end' }, { skipTo: 'END' }) }
            runtime.earlyReturn({ value: 'skipped-function' });
          }
          export function response() { return { value: 'never' } }
        `),
      },
      thrower: {
        dataSource: 'none',
        code: code(`
          export function request(ctx) { return {} }
          export function response(ctx) { util.error('stock is gone', 'OutOfStock', { value: 'partial' }, { sku: 'x' }) }
        `),
      },
      pass: { dataSource: 'none', code: passThrough },
    },
    resolvers: [
      {
        typeName: 'Query',
        fieldName: 'pipeline',
        kind: 'PIPELINE',
        functions: ['first', 'second'],
        code: code(`
          export function request(ctx) { ctx.stash.trail = ['before']; return { value: ctx.args.input } }
          export function response(ctx) { return { value: ctx.prev.result.value, trail: ctx.stash.trail } }
        `),
      },
      {
        typeName: 'Query',
        fieldName: 'early',
        kind: 'PIPELINE',
        functions: ['skipper', 'pass'],
        code: code(`
          export function request(ctx) { ctx.stash.trail = []; return { value: 'start' } }
          export function response(ctx) { return { value: ctx.prev.result.value, trail: ctx.stash.trail } }
        `),
      },
      {
        typeName: 'Query',
        fieldName: 'earlyAtStart',
        kind: 'PIPELINE',
        functions: ['first'],
        code: code(`
          export function request(ctx) { ctx.stash.trail = ['before']; runtime.earlyReturn({ value: 'from-before' }) }
          export function response(ctx) { return { value: ctx.prev.result.value, trail: ctx.stash.trail } }
        `),
      },
      {
        typeName: 'Query',
        fieldName: 'failing',
        kind: 'PIPELINE',
        functions: ['thrower', 'pass'],
        code: code(`
          export function request(ctx) { return {} }
          export function response(ctx) { return { value: 'unreachable' } }
        `),
      },
      {
        typeName: 'Query',
        fieldName: 'appended',
        dataSource: 'none',
        code: code(`
          export function request(ctx) { util.appendError('first problem', 'Warning'); return { payload: { value: 'kept' } } }
          export function response(ctx) { util.appendError('second problem', 'Warning', null, { hint: 1 }); return ctx.result }
        `),
      },
      {
        typeName: 'Query',
        fieldName: 'denied',
        dataSource: 'none',
        code: code(`
          export function request(ctx) { util.unauthorized() }
          export function response(ctx) { return ctx.result }
        `),
      },
      {
        typeName: 'Query',
        fieldName: 'unitEarly',
        dataSource: 'none',
        code: code(`
          export function request(ctx) { runtime.earlyReturn({ value: 'no data source' }) }
          export function response(ctx) { return { value: 'response ran' } }
        `),
      },
    ],
  });
});

afterAll(async () => {
  await server?.close();
});

describe('pipeline resolvers', () => {
  it('passes the before handler result as ctx.prev.result and shares the stash across functions', async () => {
    const response = await server.query('{ pipeline(input: "in") { value trail } }');
    expect(response.body).toEqual({
      data: { pipeline: { value: 'in>first>second!', trail: ['before', 'first:in', 'second:in>first'] } },
    });
  });

  it('skips only the current function on runtime.earlyReturn in a function request', async () => {
    const response = await server.query('{ early { value trail } }');
    expect(response.body).toEqual({ data: { early: { value: 'skipped-function', trail: ['skipper'] } } });
  });

  it('skips to the resolver response on earlyReturn with skipTo END', async () => {
    const response = await server.query('{ early(skipTo: "END") { value trail } }');
    expect(response.body).toEqual({ data: { early: { value: 'skipped-to-end', trail: ['skipper'] } } });
  });

  it('skips every function and runs the resolver response on earlyReturn in the before handler', async () => {
    const response = await server.query('{ earlyAtStart { value trail } }');
    expect(response.body).toEqual({ data: { earlyAtStart: { value: 'from-before', trail: ['before'] } } });
  });

  it('stops the whole pipeline on util.error and reports type, data and errorInfo', async () => {
    const response = await server.query('{ failing { value } }');
    expect(response.body).toEqual({
      data: { failing: null },
      errors: [
        {
          path: ['failing'],
          data: { value: 'partial' },
          errorType: 'OutOfStock',
          errorInfo: { sku: 'x' },
          locations: [{ line: 1, column: 3, sourceName: null }],
          message: 'stock is gone',
        },
      ],
    });
  });
});

describe('unit resolvers', () => {
  it('keeps the data and reports every util.appendError', async () => {
    const response = await server.query('{ appended { value } }');
    expect(response.body.data).toEqual({ appended: { value: 'kept' } });
    expect(response.body.errors).toEqual([
      expect.objectContaining({ path: ['appended'], message: 'first problem', errorType: 'Warning', errorInfo: null }),
      expect.objectContaining({ path: ['appended'], message: 'second problem', errorType: 'Warning', errorInfo: { hint: 1 } }),
    ]);
  });

  it('answers util.unauthorized with an Unauthorized error for the field', async () => {
    const response = await server.query('{ denied { value } }');
    expect(response.body).toEqual({
      data: { denied: null },
      errors: [
        expect.objectContaining({
          path: ['denied'],
          errorType: 'Unauthorized',
          message: 'Not Authorized to access denied on type Query',
        }),
      ],
    });
  });

  it('returns the early-return value and skips the data source and response', async () => {
    const response = await server.query('{ unitEarly { value } }');
    expect(response.body).toEqual({ data: { unitEarly: { value: 'no data source' } } });
  });
});
