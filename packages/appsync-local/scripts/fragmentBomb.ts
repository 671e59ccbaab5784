// Times the "fragment bomb" through the runtime's engine: fragment F_i spreads F_{i+1} twice, to a
// depth N, so a naive expansion of ctx.info.selectionSetList does 2^N work. Prints each depth's
// time (first run, then cached) and the answer's start. A figure, not a test: tests never time.
//
//   npx tsx packages/appsync-local/scripts/fragmentBomb.ts            # depths 16,20,22,30
//   DEPTHS=30,60 NESTED=1 npx tsx packages/appsync-local/scripts/fragmentBomb.ts
//
// NESTED=1 spreads each fragment under two aliased child fields instead, which grows the
// selection list itself past its limit (SELECTION_SET_LIST_LIMIT): the answer is that error.
import { createAppSyncApi } from '../src/appsync/api.ts';

const api = createAppSyncApi({
  schema: 'type Query { node: Node }\ntype Node { id: ID name: String child: Node }',
  authentication: {
    defaultAuthentication: { type: 'API_KEY', apiKeys: [{ id: 'da2-bomb', expires: 2e9 }] },
    additionalAuthentications: [],
  },
  dataSources: { none: { type: 'NONE' } },
  resolvers: [
    {
      typeName: 'Query',
      fieldName: 'node',
      dataSource: 'none',
      code: `import { util } from '@aws-appsync/utils';
export function request(ctx) { return { payload: { id: String(ctx.info.selectionSetList.length) } }; }
export function response(ctx) { return ctx.result; }`,
    },
  ],
} as never);

function bomb(depth: number): string {
  const fragments: string[] = [];
  for (let i = 0; i < depth; i += 1)
    fragments.push(
      process.env.NESTED
        ? `fragment F${i} on Node { child { ...F${i + 1} } other: child { ...F${i + 1} } }`
        : `fragment F${i} on Node { id ...F${i + 1} ... on Node { ...F${i + 1} } }`,
    );
  fragments.push(`fragment F${depth} on Node { name }`);
  return `{ node { ...F0 } }\n${fragments.join('\n')}`;
}

const scope = { auth: { authType: 'API_KEY', identity: null }, headers: {}, domainName: null, env: {}, variables: {} };
for (const depth of (process.env.DEPTHS ?? '16,20,22,30').split(',').map(Number)) {
  const query = bomb(depth);
  const times: string[] = [];
  let answer: unknown;
  for (const run of ['first', 'cached']) {
    const started = performance.now();
    answer = await api.engine.execute({ query }, scope as never);
    times.push(`${run} ${(performance.now() - started).toFixed(1)} ms`);
  }
  console.log(
    `depth ${depth} (${query.length} B): ${times.join(', ')}`,
    JSON.stringify((answer as { body?: unknown }).body ?? answer).slice(0, 120),
  );
}
process.exit(0);
