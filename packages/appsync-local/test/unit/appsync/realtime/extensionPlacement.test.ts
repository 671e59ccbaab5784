// Where AppSync allows the subscription extensions, and how many invalidations a request may ask:
// https://docs.aws.amazon.com/appsync/latest/devguide/extensions-js.html
// - setSubscriptionFilter, setSubscriptionInvalidationFilter: "You can use this extension function
//   only in the response handler of a subscription resolver."
// - invalidateSubscriptions: "This extension can be used only in the response mapping templates of
//   the mutation resolvers. You can only use at most five unique extensions.invalidateSubscriptions()
//   method calls in any single request. If you exceed this limit, you will receive a GraphQL error."
// The documentation does not say what a call elsewhere does; locally it is a code error (errorType
// "Code"), so a filter set in the wrong place can never filter locally and not on AppSync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRealtime, type RealtimeConnection } from '../../../../src/testing/realtimeClient.ts';
import { serveInline, TEST_API_KEY } from '../../../support/inlineApi.ts';

const schema = /* GraphQL */ `
  type Item {
    id: ID!
    group: String
  }
  type Query {
    filterInQuery: String
  }
  type Mutation {
    publish(id: ID!, group: String): Item
    filterInMutation(id: ID!): Item
    invalidate(groups: [String!]!): Int
    invalidateInRequest(group: String!): Int
    invalidateInFunction(group: String!): Int
  }
  type Subscription {
    filterInResponse(group: String!): Item @aws_subscribe(mutations: ["publish"])
    filterInRequest(group: String!): Item @aws_subscribe(mutations: ["publish"])
    filterInFunction(group: String!): Item @aws_subscribe(mutations: ["publish"])
    filterInPipelineResponse(group: String!): Item @aws_subscribe(mutations: ["publish"])
    invalidationFilterInRequest(group: String!): Item @aws_subscribe(mutations: ["publish"])
    invalidateFromSubscription: Item @aws_subscribe(mutations: ["publish"])
    closable(group: String!): Item @aws_subscribe(mutations: ["publish"])
  }
`;

const HEADER = "import { util, extensions } from '@aws-appsync/utils';\n";
const handlers = (request: string, response: string) =>
  `${HEADER}export function request(ctx) { ${request} }\nexport function response(ctx) { ${response} }`;
const FILTER = 'extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ group: { eq: ctx.args.group } }));';
const INVALIDATION_FILTER =
  'extensions.setSubscriptionInvalidationFilter(util.transform.toSubscriptionFilter({ group: { eq: ctx.args.group } }));';
const invalidate = (group: string) =>
  `extensions.invalidateSubscriptions({ subscriptionField: 'closable', payload: { group: ${group} } });`;

let server: Awaited<ReturnType<typeof serveInline>>;
let client: RealtimeConnection;
let headers: Record<string, string>;

beforeAll(async () => {
  server = await serveInline({
    schema,
    dataSources: { none: { type: 'NONE' } },
    functions: {
      filtering: { dataSource: 'none', code: handlers('return { payload: null };', `${FILTER} return null;`) },
      invalidating: {
        dataSource: 'none',
        code: handlers('return { payload: null };', `${invalidate('ctx.args.group')} return 1;`),
      },
    },
    resolvers: [
      {
        typeName: 'Mutation',
        fieldName: 'publish',
        dataSource: 'none',
        code: handlers('return { payload: ctx.args };', 'return ctx.result;'),
      },
      {
        typeName: 'Mutation',
        fieldName: 'filterInMutation',
        dataSource: 'none',
        code: handlers('return { payload: { id: ctx.args.id, group: "x" } };', `${FILTER} return ctx.result;`),
      },
      {
        typeName: 'Query',
        fieldName: 'filterInQuery',
        dataSource: 'none',
        code: handlers('return { payload: null };', `${FILTER} return "filtered";`),
      },
      {
        typeName: 'Mutation',
        fieldName: 'invalidate',
        dataSource: 'none',
        code: handlers(
          'return { payload: null };',
          "for (const group of ctx.args.groups) { extensions.invalidateSubscriptions({ subscriptionField: 'closable', payload: { group } }); } return ctx.args.groups.length;",
        ),
      },
      {
        typeName: 'Mutation',
        fieldName: 'invalidateInRequest',
        dataSource: 'none',
        code: handlers(`${invalidate('ctx.args.group')} return { payload: 1 };`, 'return ctx.result;'),
      },
      {
        typeName: 'Mutation',
        fieldName: 'invalidateInFunction',
        kind: 'PIPELINE',
        functions: ['invalidating'],
        code: handlers('return {};', 'return ctx.prev.result;'),
      },
      {
        typeName: 'Subscription',
        fieldName: 'filterInResponse',
        dataSource: 'none',
        code: handlers('return { payload: null };', `${FILTER} return null;`),
      },
      {
        typeName: 'Subscription',
        fieldName: 'filterInRequest',
        dataSource: 'none',
        code: handlers(`${FILTER} return { payload: null };`, 'return null;'),
      },
      {
        typeName: 'Subscription',
        fieldName: 'filterInFunction',
        kind: 'PIPELINE',
        functions: ['filtering'],
        code: handlers('return {};', 'return null;'),
      },
      {
        typeName: 'Subscription',
        fieldName: 'filterInPipelineResponse',
        kind: 'PIPELINE',
        functions: [],
        code: handlers('return {};', `${FILTER} return null;`),
      },
      {
        typeName: 'Subscription',
        fieldName: 'invalidationFilterInRequest',
        dataSource: 'none',
        code: handlers(`${INVALIDATION_FILTER} return { payload: null };`, 'return null;'),
      },
      {
        typeName: 'Subscription',
        fieldName: 'invalidateFromSubscription',
        dataSource: 'none',
        code: handlers('return { payload: null };', `${invalidate('"a"')} return null;`),
      },
      {
        typeName: 'Subscription',
        fieldName: 'closable',
        dataSource: 'none',
        code: handlers('return { payload: null };', `${INVALIDATION_FILTER} return null;`),
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
const isData = (id: string) => (m: { type: string; id?: string }) => m.type === 'data' && m.id === id;

async function mutate(query: string) {
  const response = await server.query(query);
  await server.api.realtime.settled();
  return response.body;
}

/** Starts a subscription and answers the server's first reply to it. */
function start(id: string, query: string) {
  return client.start(id, { query }, headers);
}

const codeError = (message: RegExp) => expect.objectContaining({ errorType: 'Code', message: expect.stringMatching(message) });

describe('setSubscriptionFilter and setSubscriptionInvalidationFilter: "only in the response handler of a subscription resolver"', () => {
  it("filters from the subscription resolver's response handler", async () => {
    const id = nextId('response');
    expect(await start(id, 'subscription { filterInResponse(group: "a") { id } }')).toEqual({ type: 'start_ack', id });
    await mutate('mutation { publish(id: "1", group: "b") { id group } }');
    await mutate('mutation { publish(id: "2", group: "a") { id group } }');
    expect((await client.next(isData(id))).payload).toEqual({ data: { filterInResponse: { id: '2' } } });
    expect(client.takeData(id)).toEqual([]);
    client.send({ id, type: 'stop' });
    await client.next('complete');
  });

  it("filters from a pipeline subscription resolver's own response handler", async () => {
    const id = nextId('pipeline-response');
    expect(await start(id, 'subscription { filterInPipelineResponse(group: "a") { id } }')).toEqual({ type: 'start_ack', id });
    await mutate('mutation { publish(id: "3", group: "b") { id group } }');
    await mutate('mutation { publish(id: "4", group: "a") { id group } }');
    expect((await client.next(isData(id))).payload).toEqual({ data: { filterInPipelineResponse: { id: '4' } } });
    client.send({ id, type: 'stop' });
    await client.next('complete');
  });

  it("refuses the subscription whose resolver sets its filter in the request handler (it would not filter on AppSync's word)", async () => {
    const id = nextId('request');
    const answer = await start(id, 'subscription { filterInRequest(group: "a") { id } }');
    expect(answer).toMatchObject({ type: 'error', id });
    expect(answer.payload?.errors).toEqual([
      codeError(
        /ExtensionUseError: extensions\.setSubscriptionFilter can only be used in the response handler of a subscription resolver, not in the request handler of the resolver of Subscription\.filterInRequest$/,
      ),
    ]);
  });

  it('refuses the subscription whose filter is set by a pipeline function rather than by the resolver', async () => {
    const answer = await start(nextId('function'), 'subscription { filterInFunction(group: "a") { id } }');
    expect(answer.payload?.errors).toEqual([
      codeError(/not in the response handler of a pipeline function of the resolver of Subscription\.filterInFunction$/),
    ]);
  });

  it('refuses the subscription whose invalidation filter is set in the request handler', async () => {
    const answer = await start(nextId('inv-request'), 'subscription { invalidationFilterInRequest(group: "a") { id } }');
    expect(answer.payload?.errors).toEqual([
      codeError(
        /extensions\.setSubscriptionInvalidationFilter can only be used in the response handler of a subscription resolver/,
      ),
    ]);
  });

  it('fails a query or mutation field whose resolver sets a subscription filter, and publishes nothing for it', async () => {
    expect(await mutate('{ filterInQuery }')).toEqual({
      data: { filterInQuery: null },
      errors: [
        expect.objectContaining({
          path: ['filterInQuery'],
          errorType: 'Code',
          message: expect.stringMatching(/Query\.filterInQuery$/),
        }),
      ],
    });
    const id = nextId('no-publish');
    await start(id, 'subscription { filterInResponse(group: "x") { id } }');
    const body = await mutate('mutation { filterInMutation(id: "5") { id group } }');
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['filterInMutation'],
        errorType: 'Code',
        message: expect.stringMatching(/Mutation\.filterInMutation$/),
      }),
    ]);
    expect(client.takeData(id)).toEqual([]);
    client.send({ id, type: 'stop' });
    await client.next('complete');
  });
});

describe('invalidateSubscriptions: "only in the response mapping templates of the mutation resolvers", at most five unique calls a request', () => {
  async function closables(groups: string[]): Promise<string[]> {
    const ids = groups.map((group) => nextId(`closable-${group}`));
    for (const [i, group] of groups.entries()) {
      expect((await start(ids[i]!, `subscription { closable(group: "${group}") { id } }`)).type).toBe('start_ack');
    }
    return ids;
  }
  const completed = () =>
    client
      .pending((m) => m.type === 'complete')
      .map((m) => m.id ?? '')
      .sort();
  async function stopAll(ids: string[]) {
    for (const id of ids) {
      client.send({ id, type: 'stop' });
      await client.next((m) => m.type === 'complete' && m.id === id);
    }
  }

  it("closes the matching subscriptions from a mutation resolver's response handler, five unique payloads in one request", async () => {
    const ids = await closables(['g1', 'g2', 'g3', 'g4', 'g5', 'g6']);
    // Repeating a payload does not count twice.
    expect(await mutate('mutation { invalidate(groups: ["g1", "g2", "g2", "g3", "g4", "g5", "g1"]) }')).toEqual({
      data: { invalidate: 7 },
    });
    const closed = await Promise.all(ids.slice(0, 5).map((id) => client.next((m) => m.type === 'complete' && m.id === id)));
    expect(closed.map((m) => m.id)).toEqual(ids.slice(0, 5));
    await stopAll([ids[5]!]);
  });

  it('fails the field that asks for a sixth unique invalidation in one request, which then closes nothing', async () => {
    const ids = await closables(['h1', 'h2']);
    const body = await mutate(
      'mutation { first: invalidate(groups: ["x1", "x2", "x3", "x4"]) second: invalidate(groups: ["h1", "h2"]) }',
    );
    expect(body.data).toEqual({ first: 4, second: null });
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['second'],
        errorType: 'Code',
        message: expect.stringMatching(
          /extensions\.invalidateSubscriptions can be called with at most 5 unique invalidations in a single request$/,
        ),
      }),
    ]);
    await new Promise((done) => setTimeout(done, 100));
    expect(completed()).toEqual([]);
    await stopAll(ids);
  });

  it('fails a mutation that asks for invalidation in its request handler or in a pipeline function, and closes nothing', async () => {
    const ids = await closables(['r1']);
    for (const field of ['invalidateInRequest', 'invalidateInFunction']) {
      const body = await mutate(`mutation { ${field}(group: "r1") }`);
      expect(body).toEqual({
        data: { [field]: null },
        errors: [
          expect.objectContaining({
            path: [field],
            errorType: 'Code',
            message: expect.stringMatching(
              /extensions\.invalidateSubscriptions can only be used in the response handler of a mutation resolver/,
            ),
          }),
        ],
      });
    }
    await new Promise((done) => setTimeout(done, 100));
    expect(completed()).toEqual([]);
    await stopAll(ids);
  });

  it('refuses a subscription whose resolver asks for invalidation', async () => {
    const answer = await start(nextId('sub-invalidates'), 'subscription { invalidateFromSubscription { id } }');
    expect(answer.payload?.errors).toEqual([
      codeError(
        /extensions\.invalidateSubscriptions can only be used in the response handler of a mutation resolver, not in the response handler of the resolver of Subscription\.invalidateFromSubscription$/,
      ),
    ]);
  });
});
