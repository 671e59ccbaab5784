// What a subscriber receives, as AppSync documents it
// (https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html):
// "Subscriptions are triggered from mutations and the mutation selection set is sent to
// subscribers." ... "the subscription selection set must be a subset of the mutation selection
// set ... if the mutation lacked the author in its selection set, the subscriber would get a null
// value for the author field (or an error in case the author field is defined as
// required/not-null in the schema)." So no resolver runs at delivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRealtime, type RealtimeConnection } from '../../../../src/testing/realtimeClient.ts';
import { serveInline, TEST_API_KEY } from '../../../support/inlineApi.ts';

const schema = /* GraphQL */ `
  type Detail {
    a: String
    b: String
    c: String!
  }
  type Photo {
    url: String
  }
  type Link {
    href: String
  }
  union Attachment = Photo | Link
  type Item {
    id: ID!
    name: String!
    label: String
    note: String
    "Has a resolver."
    stamp: String
    detail: Detail
    parts: [Detail]
    tags: [String!]
    attachment: Attachment
  }
  type Query {
    ping: String
  }
  type Mutation {
    publishItem(id: ID!): Item
  }
  type Subscription {
    onItem(id: ID): Item @aws_subscribe(mutations: ["publishItem"])
    onItemStrict: Item! @aws_subscribe(mutations: ["publishItem"])
    "Its resolver's response handler returns an item of its own."
    onItemResolved: Item @aws_subscribe(mutations: ["publishItem"])
  }
`;

const HEADER = "import { util } from '@aws-appsync/utils';\n";
const handlers = (request: string, response: string) =>
  `${HEADER}export function request(ctx) { ${request} }\nexport function response(ctx) { ${response} }`;

const ITEM = (id: string) => ({
  id,
  name: `name of ${id}`,
  label: 'a label',
  note: 'a note',
  detail: { a: 'A', b: 'B', c: 'C' },
  parts: [
    { a: 'p1', b: 'b1', c: 'c1' },
    { a: 'p2', b: 'b2', c: 'c2' },
  ],
  tags: ['t1', 't2'],
  attachment: { __typename: 'Photo', url: 'https://example.com/p.png' },
});

let server: Awaited<ReturnType<typeof serveInline>>;
let client: RealtimeConnection;
let headers: Record<string, string>;
const logged: string[] = [];

beforeAll(async () => {
  server = await serveInline({
    schema,
    dataSources: { none: { type: 'NONE' } },
    log: (_level, _name, args) => logged.push(String(args[0])),
    resolvers: [
      {
        typeName: 'Mutation',
        fieldName: 'publishItem',
        dataSource: 'none',
        code: handlers(
          `const item = ${JSON.stringify(ITEM('ID'))}; item.id = ctx.args.id; item.name = 'name of ' + ctx.args.id; return { payload: item };`,
          'return ctx.result;',
        ),
      },
      {
        typeName: 'Item',
        fieldName: 'stamp',
        dataSource: 'none',
        code: handlers("console.log('Item.stamp ran'); return { payload: null };", "return ctx.source.id + ' stamped';"),
      },
      {
        typeName: 'Subscription',
        fieldName: 'onItemResolved',
        dataSource: 'none',
        code: handlers(
          "console.log('Subscription.onItemResolved ran'); return { payload: null };",
          `return ${JSON.stringify(ITEM('from the subscription resolver'))};`,
        ),
      },
    ],
  });
  headers = { host: new URL(server.url).host, 'x-api-key': TEST_API_KEY };
  client = await connectRealtime({ url: server.realtimeUrl, header: headers });
});

afterAll(async () => {
  client?.close();
  await server?.close();
});

let ids = 0;
const nextId = (prefix: string) => `${prefix}-${(ids += 1)}`;

async function subscribe(query: string, variables: Record<string, unknown> = {}): Promise<string> {
  const id = nextId('sub');
  expect(await client.start(id, { query, variables }, headers)).toEqual({ type: 'start_ack', id });
  return id;
}

async function publish(selection: string, id: string): Promise<unknown> {
  const response = await server.query(`mutation { publishItem(id: "${id}") ${selection} }`);
  await server.api.realtime.settled();
  return response.body;
}

async function received(id: string): Promise<unknown> {
  return (await client.next((m) => m.type === 'data' && m.id === id)).payload;
}

async function stop(id: string): Promise<void> {
  client.send({ id, type: 'stop' });
  await client.next((m) => m.type === 'complete' && m.id === id);
}

describe('"the mutation selection set is sent to subscribers": no resolver runs at delivery', () => {
  it('gives a field with a resolver what the mutation selected of it, and null when the mutation did not select it', async () => {
    const id = await subscribe('subscription { onItem(id: "r1") { id stamp } }');
    const runs = () => logged.filter((line) => line === 'Item.stamp ran').length;
    const before = runs();
    expect(await publish('{ id stamp }', 'r1')).toEqual({ data: { publishItem: { id: 'r1', stamp: 'r1 stamped' } } });
    expect(await received(id)).toEqual({ data: { onItem: { id: 'r1', stamp: 'r1 stamped' } } });
    expect(runs()).toBe(before + 1);
    await publish('{ id }', 'r1');
    expect(await received(id)).toEqual({ data: { onItem: { id: 'r1', stamp: null } } });
    expect(runs()).toBe(before + 1);
    await stop(id);
  });

  it("runs the subscription field's resolver once, at subscribe time; what its response handler returns is not sent", async () => {
    const runs = () => logged.filter((line) => line === 'Subscription.onItemResolved ran').length;
    const before = runs();
    const id = await subscribe('subscription { onItemResolved { id name note } }');
    expect(runs()).toBe(before + 1);
    await publish('{ id name }', 'sr1');
    await publish('{ id name note }', 'sr2');
    expect(await received(id)).toEqual({ data: { onItemResolved: { id: 'sr1', name: 'name of sr1', note: null } } });
    expect(await received(id)).toEqual({ data: { onItemResolved: { id: 'sr2', name: 'name of sr2', note: 'a note' } } });
    expect(runs()).toBe(before + 1);
    await stop(id);
  });
});

describe('"if the mutation lacked the author in its selection set, the subscriber would get a null value for the author field"', () => {
  it('sends null for each field the mutation did not select, in nested objects and list items too', async () => {
    const id = await subscribe('subscription { onItem(id: "n1") { id note detail { a b } parts { a b c } tags } }');
    await publish('{ id name detail { a } parts { a c } }', 'n1');
    expect(await received(id)).toEqual({
      data: {
        onItem: {
          id: 'n1',
          note: null,
          detail: { a: 'A', b: null },
          parts: [
            { a: 'p1', b: null, c: 'c1' },
            { a: 'p2', b: null, c: 'c2' },
          ],
          tags: null,
        },
      },
    });
    await stop(id);
  });

  // The published value holds the mutation's response keys, as https://github.com/aws/aws-appsync-community/issues/160
  // reports of AppSync; the documentation says nothing of aliases.
  it('sends null for a field the mutation selected under an alias, whatever alias the subscriber gives it', async () => {
    const id = await subscribe('subscription { onItem(id: "al1") { id label text: label } }');
    await publish('{ id text: label }', 'al1');
    expect(await received(id)).toEqual({ data: { onItem: { id: 'al1', label: null, text: null } } });
    await stop(id);
  });
});

describe('"(or an error in case the author field is defined as required/not-null in the schema)"', () => {
  // The wording and the { message, path } shape are those of AppSync's data messages quoted in
  // https://github.com/aws-amplify/amplify-category-api/issues/1338 and
  // https://github.com/aws-amplify/amplify-cli/issues/5542: one error for each missing field.
  it('sends an error for each non-null field the mutation did not select, and null up to the nearest nullable field', async () => {
    const id = await subscribe('subscription { onItem(id: "nn1") { id name detail { a c } parts { a c } } }');
    await publish('{ id detail { a } parts { a } }', 'nn1');
    expect(await received(id)).toEqual({
      data: { onItem: null },
      errors: [
        {
          message: "Cannot return null for non-nullable type: 'String' within parent 'Item' (/onItem/name)",
          path: ['onItem', 'name'],
        },
        {
          message: "Cannot return null for non-nullable type: 'String' within parent 'Detail' (/onItem/detail/c)",
          path: ['onItem', 'detail', 'c'],
        },
        {
          message: "Cannot return null for non-nullable type: 'String' within parent 'Detail' (/onItem/parts[0]/c)",
          path: ['onItem', 'parts', 0, 'c'],
        },
        {
          message: "Cannot return null for non-nullable type: 'String' within parent 'Detail' (/onItem/parts[1]/c)",
          path: ['onItem', 'parts', 1, 'c'],
        },
      ],
    });
    await stop(id);
  });

  it('nulls only the nullable object that holds the missing non-null field', async () => {
    const id = await subscribe('subscription { onItem(id: "nn2") { id name detail { a c } } }');
    await publish('{ id name detail { a } }', 'nn2');
    expect(await received(id)).toEqual({
      data: { onItem: { id: 'nn2', name: 'name of nn2', detail: null } },
      errors: [
        {
          message: "Cannot return null for non-nullable type: 'String' within parent 'Detail' (/onItem/detail/c)",
          path: ['onItem', 'detail', 'c'],
        },
      ],
    });
    await stop(id);
  });

  it('sends data: null when the subscription field itself is non-null', async () => {
    const id = await subscribe('subscription { onItemStrict { id name } }');
    await publish('{ id }', 'nn3');
    expect(await received(id)).toEqual({
      data: null,
      errors: [
        {
          message: "Cannot return null for non-nullable type: 'String' within parent 'Item' (/onItemStrict/name)",
          path: ['onItemStrict', 'name'],
        },
      ],
    });
    await stop(id);
  });
});

describe("the subscriber's own selection set", () => {
  it('reads its aliases, fragments, type conditions, __typename and @skip/@include', async () => {
    const id = await subscribe(
      'subscription S($withNote: Boolean!) { onItem(id: "s1") { key: id __typename ...Named ... on Item { detail { first: a } } note @include(if: $withNote) label @skip(if: true) } } fragment Named on Item { name }',
      { withNote: false },
    );
    await publish('{ id name label note detail { a } }', 's1');
    expect(await received(id)).toEqual({
      data: { onItem: { key: 's1', __typename: 'Item', name: 'name of s1', detail: { first: 'A' } } },
    });
    await stop(id);
  });

  it('reads a union by the __typename the mutation selected, and cannot tell its type when the mutation did not select it', async () => {
    const id = await subscribe(
      'subscription { onItem(id: "u1") { id attachment { __typename ... on Photo { url } ... on Link { href } } } }',
    );
    await publish('{ id attachment { __typename ... on Photo { url } } }', 'u1');
    expect(await received(id)).toEqual({
      data: { onItem: { id: 'u1', attachment: { __typename: 'Photo', url: 'https://example.com/p.png' } } },
    });
    await publish('{ id attachment { ... on Photo { url } } }', 'u1');
    expect(await received(id)).toEqual({
      data: { onItem: { id: 'u1', attachment: null } },
      errors: [
        {
          message:
            "Cannot tell which type of 'Attachment' the value is: the mutation's selection set must select __typename (/onItem/attachment)",
          path: ['onItem', 'attachment'],
        },
      ],
    });
    await stop(id);
  });
});
