// AWSJSON as AppSync's scalar reference documents it
// (https://docs.aws.amazon.com/appsync/latest/devguide/scalars.html): "A JSON string. Any valid
// JSON construct is automatically parsed and loaded in the resolver code as maps, lists, or
// scalar values rather than as the literal input strings. Unquoted strings or otherwise invalid
// JSON result in a GraphQL validation error."
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code, serveInline } from '../../../support/inlineApi.ts';

const schema = /* GraphQL */ `
  type Query {
    describe(value: AWSJSON, list: [AWSJSON], input: Wrapper): String
    rawVariables(value: AWSJSON): String
    settings: AWSJSON
    settingsText: AWSJSON
  }
  input Wrapper {
    inner: AWSJSON
  }
`;

let server: Awaited<ReturnType<typeof serveInline>>;

beforeAll(async () => {
  server = await serveInline({
    schema,
    dataSources: { none: { type: 'NONE' } },
    resolvers: [
      {
        typeName: 'Query',
        fieldName: 'describe',
        dataSource: 'none',
        // What the resolver received: the JS type and the value, as seen in the code.
        code: code(`export function request(ctx) { return {} }
          export function response(ctx) {
            const describe = (v) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v) + ':' + JSON.stringify(v);
            const parts = [];
            if (ctx.args.value !== undefined) { parts.push(describe(ctx.args.value)) }
            if (ctx.args.list) { parts.push(describe(ctx.args.list)) }
            if (ctx.args.input) { parts.push(describe(ctx.args.input.inner)) }
            return parts.join(' ');
          }`),
      },
      {
        typeName: 'Query',
        fieldName: 'rawVariables',
        dataSource: 'none',
        code: code(`export function request(ctx) { return {} }
          export function response(ctx) { return typeof ctx.info.variables.v }`),
      },
      {
        typeName: 'Query',
        fieldName: 'settings',
        dataSource: 'none',
        code: code(`export function request(ctx) { return {} }
          export function response(ctx) { return { theme: 'dark', sizes: [1, 2] } }`),
      },
      {
        typeName: 'Query',
        fieldName: 'settingsText',
        dataSource: 'none',
        code: code(`export function request(ctx) { return {} }
          export function response(ctx) { return '{"theme":"light"}' }`),
      },
    ],
  });
});

afterAll(() => server.close());

describe('AWSJSON arguments reach the resolver parsed', () => {
  it.each([
    ['an object', '{"a":[1,2],"b":{"c":true}}', 'object:{"a":[1,2],"b":{"c":true}}'],
    ['a list', '[1,"two"]', 'array:[1,"two"]'],
    ['a number', '42', 'number:42'],
    ['a quoted string', '"text"', 'string:"text"'],
    ['null', 'null', 'null:null'],
  ])('%s in a variable', async (_what, json, seen) => {
    const { body } = await server.query('query ($v: AWSJSON) { describe(value: $v) }', { v: json });
    expect(body).toEqual({ data: { describe: seen } });
  });

  it('in a literal, in a list and in an input object field', async () => {
    const { body } = await server.query(
      `{ describe(value: "{\\"k\\":1}", list: ["{\\"x\\":1}", "[2]"], input: { inner: "{\\"deep\\":[true]}" }) }`,
    );
    expect(body).toEqual({ data: { describe: 'object:{"k":1} array:[{"x":1},[2]] object:{"deep":[true]}' } });
  });

  it('leaves ctx.info.variables as the client sent them (strings)', async () => {
    const { body } = await server.query('query ($v: AWSJSON) { rawVariables(value: $v) }', { v: '{"a":1}' });
    expect(body).toEqual({ data: { rawVariables: 'string' } });
  });

  it('refuses invalid JSON (an unquoted string) before any resolver runs', async () => {
    const literal = await server.query('{ describe(value: "not json") }');
    expect(literal.body.data).toBeNull();
    expect(literal.body.errors?.[0]?.message).toMatch(/^Validation error of type WrongType: /);
    const variable = await server.query('query ($v: AWSJSON) { describe(value: $v) }', { v: 'not json' });
    expect(variable.body.data).toBeNull();
    expect(variable.body.errors?.[0]?.message).toMatch(/^Variable 'v' has an invalid value: /);
  });
});

describe('AWSJSON results reach the client as JSON strings', () => {
  it('serializes a map or list the resolver returns', async () => {
    const { body } = await server.query('{ settings }');
    expect(body).toEqual({ data: { settings: '{"theme":"dark","sizes":[1,2]}' } });
  });

  it('passes a JSON string the resolver returns as it is', async () => {
    const { body } = await server.query('{ settingsText }');
    expect(body).toEqual({ data: { settingsText: '{"theme":"light"}' } });
  });
});
