import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamHeader, openRealtime, type RealtimeConnection } from '../../../../src/testing/realtimeClient.ts';
import { CREATE_TICKET, publisher, quietPeriod, type RealtimeFixture, startRealtimeFixture } from './fixture.ts';

let api: RealtimeFixture;
let client: RealtimeConnection;

beforeAll(async () => {
  api = await startRealtimeFixture();
  client = await api.connect();
});

afterAll(async () => {
  await api?.close();
});

const ticket = (input: Record<string, unknown>) => api.mutate(CREATE_TICKET, { input });
let ids = 0;
const nextId = (prefix: string) => `${prefix}-${(ids += 1)}`;

describe('start, data, stop', () => {
  it("acknowledges a start, sends each matching mutation as data in the subscriber's selection, and completes on stop", async () => {
    const id = nextId('basic');
    expect(await client.start(id, { query: 'subscription { onTicket { id severity } }' }, api.keyHeaders)).toEqual({
      type: 'start_ack',
      id,
    });
    await ticket({ id: 't1', group: 'a', severity: 3, note: 'first' });
    expect(await client.next((m) => m.type === 'data' && m.id === id)).toEqual({
      id,
      type: 'data',
      payload: { data: { onTicket: { id: 't1', severity: 3 } } },
    });
    client.send({ id, type: 'stop' });
    expect(await client.next('complete')).toEqual({ type: 'complete', id });
    await ticket({ id: 't2', severity: 1 });
    await quietPeriod();
    expect(client.takeData(id)).toEqual([]);
  });

  it('delivers several mutations in the order they were made', async () => {
    const id = nextId('order');
    await client.start(id, { query: 'subscription { onTicket(group: "ordered") { id } }' }, api.keyHeaders);
    await Promise.all(['o1', 'o2', 'o3', 'o4', 'o5'].map((t) => ticket({ id: t, group: 'ordered' })));
    const received: string[] = [];
    while (received.length < 5) {
      const message = await client.next((m) => m.type === 'data' && m.id === id);
      received.push(String((message.payload?.data?.onTicket as { id: string }).id));
    }
    expect(received.sort()).toEqual(['o1', 'o2', 'o3', 'o4', 'o5']);
    const inSequence: string[] = [];
    for (const t of ['s1', 's2', 's3']) await ticket({ id: t, group: 'ordered' });
    for (let i = 0; i < 3; i++) {
      const message = await client.next((m) => m.type === 'data' && m.id === id);
      inSequence.push(String((message.payload?.data?.onTicket as { id: string }).id));
    }
    expect(inSequence).toEqual(['s1', 's2', 's3']);
    client.send({ id, type: 'stop' });
    await client.next('complete');
  });

  it('returns null for the fields the mutation did not select', async () => {
    const id = nextId('unselected');
    await client.start(id, { query: 'subscription { onTicket(group: "narrow") { id note severity } }' }, api.keyHeaders);
    await api.mutate('mutation { createTicket(input: { id: "n1", group: "narrow", note: "hidden", severity: 2 }) { id group } }');
    expect((await client.next((m) => m.type === 'data' && m.id === id)).payload).toEqual({
      data: { onTicket: { id: 'n1', note: null, severity: null } },
    });
    client.send({ id, type: 'stop' });
    await client.next('complete');
  });

  it('publishes nothing for a mutation whose resolver failed', async () => {
    const id = nextId('failed');
    await client.start(id, { query: 'subscription { onTicket(group: "failing") { id } }' }, api.keyHeaders);
    const response = await api.mutate('mutation { failTicket(input: { id: "f1", group: "failing" }) { id group } }');
    expect(response.body.errors?.[0]?.errorType).toBe('Refused');
    await quietPeriod();
    expect(client.takeData(id)).toEqual([]);
    client.send({ id, type: 'stop' });
    await client.next('complete');
  });
});

describe('starting', () => {
  it('accepts a start on a connection that skipped the optional connection_init', async () => {
    const bare = await openRealtime({ url: api.server.realtimeUrl, header: api.keyHeaders });
    expect(await bare.start('early', { query: 'subscription { onTicket(group: "early") { id } }' }, api.keyHeaders)).toEqual({
      type: 'start_ack',
      id: 'early',
    });
    await ticket({ id: 'e1', group: 'early' });
    expect((await bare.next((m) => m.type === 'data')).payload?.data).toEqual({ onTicket: { id: 'e1' } });
    expect(bare.pending((m) => m.type === 'connection_ack')).toEqual([]);
    bare.close();
  });

  it('starts a non-null subscription field, whose value is only sent with events', async () => {
    const id = nextId('strict');
    expect(await client.start(id, { query: 'subscription { onStrict(group: "strict") { id } }' }, api.keyHeaders)).toEqual({
      type: 'start_ack',
      id,
    });
    await ticket({ id: 'st1', group: 'strict' });
    expect((await client.next((m) => m.type === 'data' && m.id === id)).payload).toEqual({ data: { onStrict: { id: 'st1' } } });
    client.send({ id, type: 'stop' });
    await client.next('complete');
  });
});

describe('basic filtering by the subscription arguments', () => {
  it("sends a mutation only to the subscribers whose every argument equals the payload's field", async () => {
    const [groupA, groupB, severe, groupAndSevere, everything, noGroup] = ['a', 'b', 's', 'as', 'all', 'none'].map((p) =>
      nextId(`args-${p}`),
    ) as [string, string, string, string, string, string];
    await client.start(groupA, { query: 'subscription { onTicket(group: "a") { id } }' }, api.keyHeaders);
    await client.start(groupB, { query: 'subscription { onTicket(group: "b") { id } }' }, api.keyHeaders);
    await client.start(
      severe,
      { query: 'subscription S($s: Int) { onTicket(severity: $s) { id } }', variables: { s: 5 } },
      api.keyHeaders,
    );
    await client.start(groupAndSevere, { query: 'subscription { onTicket(group: "a", severity: 1) { id } }' }, api.keyHeaders);
    await client.start(everything, { query: 'subscription { onTicket { id } }' }, api.keyHeaders);
    // "Argument null value has meaning" (the real-time data page): only tickets without a group.
    await client.start(noGroup, { query: 'subscription { onTicket(group: null) { id } }' }, api.keyHeaders);
    await ticket({ id: 'x1', group: 'a', severity: 5 });
    await client.next((m) => m.type === 'data' && m.id === everything);
    await quietPeriod(50);
    expect(client.takeData(groupA)).toHaveLength(1);
    expect(client.takeData(severe)).toHaveLength(1);
    expect(client.takeData(groupB)).toEqual([]);
    expect(client.takeData(groupAndSevere)).toEqual([]);
    expect(client.takeData(noGroup)).toEqual([]);
    await ticket({ id: 'x2', severity: 1 });
    await client.next((m) => m.type === 'data' && m.id === noGroup);
    for (const id of [groupA, groupB, severe, groupAndSevere, everything, noGroup]) client.send({ id, type: 'stop' });
  });
});

describe('refusing a start', () => {
  it('refuses a query with UnsupportedOperation', async () => {
    const id = nextId('query');
    expect(await client.start(id, { query: '{ ping }' }, api.keyHeaders)).toEqual({
      type: 'error',
      id,
      payload: { errors: [{ errorType: 'UnsupportedOperation', message: 'query not supported through the realtime channel' }] },
    });
  });

  it("refuses an invalid subscription with graphql-java's validation message", async () => {
    const id = nextId('invalid');
    expect(await client.start(id, { query: 'subscription { onTicket { nope } }' }, api.keyHeaders)).toEqual({
      type: 'error',
      id,
      payload: {
        errors: [
          { message: "Validation error of type FieldUndefined: Field 'nope' in type 'Ticket' is undefined @ 'onTicket/nope'" },
        ],
      },
    });
  });

  it('refuses a subscription with two root fields', async () => {
    const id = nextId('two');
    const answer = await client.start(id, { query: 'subscription { onTicket { id } onRefused { id } }' }, api.keyHeaders);
    expect(answer.payload?.errors?.[0]?.message).toMatch(/^Validation error of type SubscriptionMultipleRootFields/);
  });

  it('refuses a second start with an id that is in use', async () => {
    const id = nextId('dup');
    await client.start(id, { query: 'subscription { onTicket { id } }' }, api.keyHeaders);
    expect(await client.start(id, { query: 'subscription { onTicket { id } }' }, api.keyHeaders)).toEqual({
      type: 'error',
      id,
      payload: { errors: [{ errorType: 'DuplicatedOperationError', message: `Duplicated operation with id ${id}` }] },
    });
    client.send({ id, type: 'stop' });
    await client.next('complete');
  });

  it("refuses a start whose own authorization is not valid, though the connection's was", async () => {
    const id = nextId('badkey');
    expect(
      await client.start(id, { query: 'subscription { onTicket { id } }' }, { ...api.keyHeaders, 'x-api-key': 'da2-wrong' }),
    ).toEqual({
      type: 'error',
      id,
      payload: {
        errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }],
      },
    });
  });

  it('refuses a subscriber whose auth mode the field does not allow', async () => {
    const id = nextId('mode');
    expect(await client.start(id, { query: 'subscription { onAdminTicket { id } }' }, api.keyHeaders)).toEqual({
      type: 'error',
      id,
      payload: {
        errors: [
          {
            path: ['onAdminTicket'],
            data: null,
            errorType: 'Unauthorized',
            errorInfo: null,
            locations: [{ line: 1, column: 16, sourceName: null }],
            message: 'Not Authorized to access onAdminTicket on type Subscription',
          },
        ],
      },
    });
  });

  it("refuses a Cognito user outside the field's groups and accepts one inside them", async () => {
    const host = new URL(api.server.url).host;
    const customer = { host, Authorization: await api.issuer.idToken({ username: 'cora', groups: ['customer'] }) };
    const admin = { host, Authorization: await api.issuer.idToken({ username: 'ada', groups: ['admin'] }) };
    const refused = await client.start(nextId('cust'), { query: 'subscription { onAdminTicket { id } }' }, customer);
    expect(refused.payload?.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
    const id = nextId('admin');
    expect((await client.start(id, { query: 'subscription { onAdminTicket { id } }' }, admin)).type).toBe('start_ack');
    client.send({ id, type: 'stop' });
    await client.next('complete');
  });

  it('refuses the start when the subscription resolver calls util.unauthorized', async () => {
    const id = nextId('resolver');
    const answer = await client.start(id, { query: 'subscription { onRefused { id } }' }, api.keyHeaders);
    expect(answer.payload?.errors).toEqual([
      expect.objectContaining({ errorType: 'Unauthorized', message: 'Not Authorized to access onRefused on type Subscription' }),
    ]);
  });

  it('refuses variables that do not coerce, worded as graphql-java words them', async () => {
    const id = nextId('vars');
    const answer = await client.start(
      id,
      { query: 'subscription S($s: Int!) { onTicket(severity: $s) { id } }' },
      api.keyHeaders,
    );
    expect(answer.payload?.errors?.[0]?.message).toBe("Variable 's' has coerced Null value for NonNull type 'Int!'");
  });
});

describe('each subscription with its own auth mode', () => {
  it('accepts an IAM-signed start (POST /graphql with the data as body) on an API-key connection', async () => {
    const id = nextId('iam');
    const data = { query: 'subscription { onTicket(group: "iam") { id } }' };
    const headers = await iamHeader(`${api.server.url}/graphql`, JSON.stringify(data), publisher);
    expect(await client.start(id, data, headers)).toEqual({ type: 'start_ack', id });
    await ticket({ id: 'i1', group: 'iam' });
    expect((await client.next((m) => m.type === 'data' && m.id === id)).payload?.data).toEqual({ onTicket: { id: 'i1' } });
    client.send({ id, type: 'stop' });
    await client.next('complete');
  });

  // "To control authorization at connection time to a subscription, you can use ... for
  // field-level authorization" (https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html):
  // every field of the subscriber's selection is authorized when it subscribes, not only the root.
  it("refuses a start whose selection set holds a field the subscriber's auth may not read", async () => {
    const host = new URL(api.server.url).host;
    const customer = { host, Authorization: await api.issuer.idToken({ username: 'cora', groups: ['customer'] }) };
    const admin = { host, Authorization: await api.issuer.idToken({ username: 'ada', groups: ['admin'] }) };
    const [asCustomer, asAdmin] = [nextId('cust-secret'), nextId('admin-secret')];
    const query = 'subscription { onTicket(group: "secrets") { id secret } }';
    expect(await client.start(asCustomer, { query }, customer)).toEqual({
      type: 'error',
      id: asCustomer,
      payload: {
        errors: [
          {
            path: ['onTicket', 'secret'],
            data: null,
            errorType: 'Unauthorized',
            errorInfo: null,
            locations: [{ line: 1, column: 48, sourceName: null }],
            message: 'Not Authorized to access secret on type Ticket',
          },
        ],
      },
    });
    expect((await client.start(asAdmin, { query }, admin)).type).toBe('start_ack');
    // The payload is what the mutation's caller could read: an admin publishes the secret.
    await api.mutate(
      CREATE_TICKET,
      { input: { id: 'p1', group: 'secrets', secret: 'hush' } },
      { Authorization: admin.Authorization },
    );
    expect((await client.next((m) => m.type === 'data' && m.id === asAdmin)).payload).toEqual({
      data: { onTicket: { id: 'p1', secret: 'hush' } },
    });
    client.send({ id: asAdmin, type: 'stop' });
    await client.next('complete');
  });

  it('authorizes the fields of every fragment and every type condition of the selection set', async () => {
    const host = new URL(api.server.url).host;
    const customer = { host, Authorization: await api.issuer.idToken({ username: 'cora', groups: ['customer'] }) };
    const id = nextId('frag-secret');
    const answer = await client.start(
      id,
      {
        query:
          'subscription { onTicket { id ...Hidden ... on Ticket { owner { name } } } } fragment Hidden on Ticket { note secret }',
      },
      customer,
    );
    expect(answer.payload?.errors).toEqual([
      expect.objectContaining({ path: ['onTicket', 'secret'], message: 'Not Authorized to access secret on type Ticket' }),
    ]);
    const skipped = nextId('skipped-secret');
    const accepted = await client.start(
      skipped,
      { query: 'subscription S($no: Boolean!) { onTicket { id secret @include(if: $no) } }', variables: { no: false } },
      customer,
    );
    expect(accepted.type).toBe('start_ack');
    client.send({ id: skipped, type: 'stop' });
    await client.next('complete');
  });
});
