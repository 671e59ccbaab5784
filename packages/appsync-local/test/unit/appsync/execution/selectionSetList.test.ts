// ctx.info.selectionSetList over documents built to be expensive: named fragments that spread the
// next one twice. The list must come out right (each fragment expanded once) or, when the
// selection really is exponential, as a SelectionSetLimitExceeded error on that field, while
// other requests keep being answered. The test's timeout is the only clock: before the
// expansion was memoised, the depth-30 document below ran for minutes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SELECTION_SET_LIST_LIMIT } from '../../../../src/appsync/execution/context.ts';
import { code, serveInline } from '../../../support/inlineApi.ts';

const schema = /* GraphQL */ `
  type Query {
    node: Node
    ping: String
  }
  type Node {
    id: ID
    name: String
    child: Node
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
        fieldName: 'node',
        dataSource: 'none',
        code: code(`
          export function request(ctx) { return { payload: { id: 'n1', name: ctx.info.selectionSetList.join(',') } } }
          export function response(ctx) { return ctx.result }
        `),
      },
      {
        typeName: 'Query',
        fieldName: 'ping',
        dataSource: 'none',
        code: code(`
          export function request(ctx) { return { payload: 'pong' } }
          export function response(ctx) { return ctx.result }
        `),
      },
    ],
  });
});

afterAll(async () => {
  await server?.close();
});

/** Fragment i spreads fragment i+1 twice at the same level: 2^depth spreads, three distinct names. */
function flatBomb(depth: number): string {
  const fragments = Array.from(
    { length: depth },
    (_, i) => `fragment F${i} on Node { id ...F${i + 1} ... on Node { ...F${i + 1} } }`,
  );
  return `{ node { ...F0 } }\n${fragments.join('\n')}\nfragment F${depth} on Node { name }`;
}

/** Fragment i selects fragment i+1 under two aliases: 2^depth distinct paths. */
function nestedBomb(depth: number): string {
  const fragments = Array.from(
    { length: depth },
    (_, i) => `fragment F${i} on Node { child { ...F${i + 1} } other: child { ...F${i + 1} } }`,
  );
  return `{ node { name ...F0 } }\n${fragments.join('\n')}\nfragment F${depth} on Node { id }`;
}

describe('ctx.info.selectionSetList', () => {
  it('expands a fragment spread 2^30 times once, and answers a concurrent query too', async () => {
    const [bomb, ping] = await Promise.all([server.query(flatBomb(30)), server.query('{ ping }')]);
    expect(bomb.body).toEqual({ data: { node: { id: 'n1', name: 'id,name' } } });
    expect(ping.body).toEqual({ data: { ping: 'pong' } });
  });

  it('lists every distinct path of a nested fragment chain below the limit', async () => {
    const response = await server.query(nestedBomb(3));
    const names = (response.body.data as { node: { name: string } }).node.name.split(',');
    expect(names).toHaveLength(1 + 2 + 4 + 8 + 8); // name, child/other at three levels, id below each leaf
    expect(names).toContain('other/child/other/id');
  });

  it(`refuses a field whose expanded selection passes ${SELECTION_SET_LIST_LIMIT} entries, and keeps serving`, async () => {
    const [bomb, ping] = await Promise.all([server.query(nestedBomb(30)), server.query('{ ping }')]);
    expect(bomb.body).toEqual({
      data: { node: null },
      errors: [
        expect.objectContaining({
          path: ['node'],
          errorType: 'SelectionSetLimitExceeded',
          message: `The selection set of Query.node expands to more than ${SELECTION_SET_LIST_LIMIT} fields (named fragments included); select fewer fields.`,
        }),
      ],
    });
    expect(ping.body).toEqual({ data: { ping: 'pong' } });
  });
});
