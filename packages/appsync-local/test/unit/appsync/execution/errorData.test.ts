// util.error and util.appendError: "The data field will be filtered based on the query selection
// set" (the APPSYNC_JS util reference, https://docs.aws.amazon.com/appsync/latest/devguide/built-in-util-js.html).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { code, serveInline } from '../../../support/inlineApi.ts';

const schema = /* GraphQL */ `
  interface Named {
    name: String
  }
  type Account implements Named {
    id: ID
    name: String
    secret: String
    owner: Person
    history: [Person]
  }
  type Person implements Named {
    name: String
    email: String
  }
  type Query {
    failing: Account
    appending: Account
    scalar: String
    named: Named
  }
`;

// Everything the resolver knows, more than any query asks for.
const DATA = `{
  id: 'a1', name: 'Main', secret: 's3cr3t', internal: 'never in the schema',
  owner: { name: 'Ann', email: 'ann@example.com', password: 'x' },
  history: [{ name: 'Bo', email: 'bo@example.com' }, { name: 'Cy', email: 'cy@example.com' }],
}`;

let server: Awaited<ReturnType<typeof serveInline>>;

beforeAll(async () => {
  server = await serveInline({
    schema,
    dataSources: { none: { type: 'NONE' } },
    resolvers: [
      {
        typeName: 'Query',
        fieldName: 'failing',
        dataSource: 'none',
        code: code(`export function request() { return {} }
          export function response() { util.error('no account', 'NotFound', ${DATA}, { hint: 'info is not filtered' }) }`),
      },
      {
        typeName: 'Query',
        fieldName: 'appending',
        dataSource: 'none',
        code: code(`export function request() { return {} }
          export function response() { util.appendError('partly stale', 'Stale', ${DATA}); return { id: 'a1', name: 'Main' } }`),
      },
      {
        typeName: 'Query',
        fieldName: 'scalar',
        dataSource: 'none',
        code: code(`export function request() { return {} }
          export function response() { util.error('bad', 'Bad', { any: 'shape', kept: true }) }`),
      },
      {
        typeName: 'Query',
        fieldName: 'named',
        dataSource: 'none',
        code: code(`export function request() { return {} }
          export function response() { util.error('bad', 'Bad', { __typename: 'Person', name: 'Ann', email: 'ann@example.com', hidden: 1 }) }`),
      },
    ],
  });
});

afterAll(() => server.close());

describe('util.error data is what the query selected', () => {
  it('keeps only selected fields, nested ones and lists included; errorInfo is not filtered', async () => {
    const { body } = await server.query('{ failing { id owner { name } history { email } } }');
    expect(body.data).toEqual({ failing: null });
    expect(body.errors?.[0]).toMatchObject({
      errorType: 'NotFound',
      data: { id: 'a1', owner: { name: 'Ann' }, history: [{ email: 'bo@example.com' }, { email: 'cy@example.com' }] },
      errorInfo: { hint: 'info is not filtered' },
    });
  });

  it("uses the selection's aliases, fragments and __typename", async () => {
    const { body } = await server.query(
      '{ failing { accountId: id ...OwnerName ... on Account { name } __typename } } fragment OwnerName on Account { owner { who: name } }',
    );
    expect(body.errors?.[0]?.data).toEqual({ accountId: 'a1', owner: { who: 'Ann' }, name: 'Main', __typename: 'Account' });
  });

  it('gives null for a selected field the data lacks', async () => {
    const { body } = await server.query('{ failing { id owner { email } } }');
    expect(body.errors?.[0]?.data).toEqual({ id: 'a1', owner: { email: 'ann@example.com' } });
    const other = await server.query('{ failing { name secret } }');
    expect(other.body.errors?.[0]?.data).toEqual({ name: 'Main', secret: 's3cr3t' });
  });

  it('applies to util.appendError too', async () => {
    const { body } = await server.query('{ appending { id } }');
    expect(body.data).toEqual({ appending: { id: 'a1' } });
    expect(body.errors?.[0]).toMatchObject({ errorType: 'Stale', data: { id: 'a1' } });
  });

  it("resolves an interface by the data's __typename", async () => {
    const { body } = await server.query('{ named { name ... on Person { email } } }');
    expect(body.errors?.[0]?.data).toEqual({ name: 'Ann', email: 'ann@example.com' });
  });

  it('passes the data of a field without a selection set (a scalar) as it is', async () => {
    const { body } = await server.query('{ scalar }');
    expect(body.errors?.[0]?.data).toEqual({ any: 'shape', kept: true });
  });
});
