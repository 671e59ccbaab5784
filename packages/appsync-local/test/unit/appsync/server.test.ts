import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postRaw } from '../../../src/testing/graphql.ts';
import { code, serveInline, TEST_API_KEY } from '../../support/inlineApi.ts';

const schema = /* GraphQL */ `
  type Query {
    hello(name: String!, times: Int): String
    when(at: AWSDateTime!): AWSDateTime
    contact(
      email: AWSEmail
      url: AWSURL
      ip: AWSIPAddress
      phone: AWSPhone
      day: AWSDate
      time: AWSTime
      ts: AWSTimestamp
      json: AWSJSON
    ): String
    badDate: AWSDateTime
  }
`;

let server: Awaited<ReturnType<typeof serveInline>>;

beforeAll(async () => {
  server = await serveInline({
    schema,
    dataSources: { none: { type: 'NONE' } },
    maxRequestBytes: 64 * 1024,
    resolvers: [
      {
        typeName: 'Query',
        fieldName: 'hello',
        dataSource: 'none',
        code: code(
          "export function request(ctx) { return { payload: 'hello ' + ctx.args.name } }\nexport function response(ctx) { return ctx.result }",
        ),
      },
      {
        typeName: 'Query',
        fieldName: 'when',
        dataSource: 'none',
        code: code(
          'export function request(ctx) { return { payload: ctx.args.at } }\nexport function response(ctx) { return ctx.result }',
        ),
      },
      {
        typeName: 'Query',
        fieldName: 'contact',
        dataSource: 'none',
        code: code(
          "export function request(ctx) { return { payload: 'ok' } }\nexport function response(ctx) { return ctx.result }",
        ),
      },
      {
        typeName: 'Query',
        fieldName: 'badDate',
        dataSource: 'none',
        code: code(
          "export function request(ctx) { return { payload: 'yesterday' } }\nexport function response(ctx) { return ctx.result }",
        ),
      },
    ],
  });
});

afterAll(async () => {
  await server?.close();
});

const withKey = { 'x-api-key': TEST_API_KEY };

describe('malformed requests', () => {
  it('answers an empty body with 400 MalformedHttpRequestException', async () => {
    const response = await postRaw(server.graphqlUrl, '', withKey);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [{ errorType: 'MalformedHttpRequestException', message: 'Request body is empty.' }],
    });
  });

  it.each(['meow', '{}', '{}}', '[]', '{"query": 5}'])(
    'answers the body %s with 400 "Unable to parse GraphQL query."',
    async (body) => {
      const response = await postRaw(server.graphqlUrl, body, withKey);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }],
      });
    },
  );

  it('answers an oversized body with 413 and keeps serving', async () => {
    const big = JSON.stringify({ query: `{ hello(name: "${'x'.repeat(70 * 1024)}") }` });
    const response = await postRaw(server.graphqlUrl, big, withKey);
    expect(response.status).toBe(413);
    const after = await server.query('{ hello(name: "again") }');
    expect(after.body).toEqual({ data: { hello: 'hello again' } });
  });
});

describe('invalid GraphQL', () => {
  it('reports a syntax error with data null and its location', async () => {
    const response = await server.query('{ hello(name: "x" ');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          path: null,
          data: null,
          errorType: null,
          errorInfo: null,
          locations: [{ line: 1, column: 19, sourceName: null }],
          message: expect.stringMatching(/^Invalid Syntax : .* at line 1 column 19$/),
        },
      ],
    });
  });

  it('reports an unknown field the way AppSync words it', async () => {
    const response = await server.query('{ badfield }');
    expect(response.body).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          path: null,
          locations: [{ line: 1, column: 3, sourceName: null }],
          message: "Validation error of type FieldUndefined: Field 'badfield' in type 'Query' is undefined @ 'badfield'",
        }),
      ],
    });
  });

  it('reports a missing required argument as MissingFieldArgument', async () => {
    const response = await server.query('{ hello }');
    expect(response.body.errors?.[0]?.message).toMatch(/^Validation error of type MissingFieldArgument: .* @ 'hello'$/);
  });

  it('reports a variable of the wrong type', async () => {
    const response = await server.query('query ($n: Int) { hello(name: $n) }');
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.message).toMatch(/^Validation error of type VariableTypeMismatch: /);
  });

  it('reports a variable value that does not fit its type', async () => {
    const response = await server.query('query ($t: Int) { hello(name: "x", times: $t) }', { t: 'many' });
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.message).toMatch(/^Variable 't' has an invalid value: /);
  });

  it('reports a missing required variable', async () => {
    const response = await server.query('query ($n: String!) { hello(name: $n) }', {});
    expect(response.body.errors?.[0]?.message).toBe("Variable 'n' has coerced Null value for NonNull type 'String!'");
  });
});

describe('AppSync scalars', () => {
  it('accepts a valid AWSDateTime and returns it unchanged', async () => {
    const response = await server.query('query ($at: AWSDateTime!) { when(at: $at) }', { at: '2026-11-22T10:15:30.123Z' });
    expect(response.body).toEqual({ data: { when: '2026-11-22T10:15:30.123Z' } });
  });

  it.each([['2026-02-30T10:00:00Z'], ['2026-11-22 10:00:00Z'], ['2026-11-22T10:00:00'], ['tomorrow']])(
    'rejects the AWSDateTime %s',
    async (at) => {
      const response = await server.query('query ($at: AWSDateTime!) { when(at: $at) }', { at });
      expect(response.body.data).toBeNull();
      expect(response.body.errors?.[0]?.message).toMatch(/^Variable 'at' has an invalid value: /);
    },
  );

  it('accepts valid values of every other scalar', async () => {
    const response = await server.query(
      'query ($v: AWSJSON) { contact(email: "a@b.co", url: "https://example.com/x", ip: "10.0.0.0/8", phone: "+46 70 123 45 67", day: "2024-02-29", time: "23:59:59.999Z", ts: 1700000000, json: $v) }',
      { v: '{"a":[1,2]}' },
    );
    expect(response.body).toEqual({ data: { contact: 'ok' } });
  });

  it.each([
    ['email', '"not-an-email"'],
    ['url', '"no scheme"'],
    ['ip', '"300.1.1.1"'],
    ['phone', '"call me"'],
    ['day', '"2023-02-29"'],
    ['time', '"25:00"'],
    ['ts', '"soon"'],
    ['json', '"{oops"'],
  ])('rejects an invalid literal for %s', async (arg, literal) => {
    const response = await server.query(`{ contact(${arg}: ${literal}) }`);
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.message).toMatch(/^Validation error of type WrongType: /);
  });

  it('turns an invalid value returned by a resolver into a field error', async () => {
    const response = await server.query('{ badDate }');
    expect(response.body.data).toEqual({ badDate: null });
    expect(response.body.errors?.[0]).toEqual(expect.objectContaining({ path: ['badDate'] }));
  });
});

describe('CORS on /graphql', () => {
  async function preflight(origin?: string): Promise<Response> {
    return fetch(server.graphqlUrl, {
      method: 'OPTIONS',
      headers: { ...(origin ? { origin } : {}), 'access-control-request-method': 'POST' },
    });
  }

  it('allows pages of this machine, by their own origin', async () => {
    for (const origin of ['http://localhost:3000', 'https://127.0.0.1:4443', 'http://[::1]:8080']) {
      const response = await preflight(origin);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('vary')).toBe('Origin');
    }
  });

  it('names no origin for a page of another site, nor for a request without Origin', async () => {
    for (const origin of ['https://shop.example', 'http://localhost.example:3000', 'null', undefined]) {
      const response = await preflight(origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    const answer = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { origin: 'https://shop.example', 'x-api-key': TEST_API_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ hello(name: "x") }' }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});
