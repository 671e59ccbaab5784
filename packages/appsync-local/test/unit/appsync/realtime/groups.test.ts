// Delivery groups over real connections: subscribers that send the same operation with the same
// auth get the same data, read once per mutation; another selection, auth mode or set of Cognito
// groups is read on its own. A connection with several subscriptions gets every message.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RealtimeConnection } from '../../../../src/testing/realtimeClient.ts';
import { CREATE_TICKET, type RealtimeFixture, startRealtimeFixture } from './fixture.ts';

let api: RealtimeFixture;
let first: RealtimeConnection;
let second: RealtimeConnection;

beforeAll(async () => {
  api = await startRealtimeFixture();
  [first, second] = await Promise.all([api.connect(), api.connect()]);
});

afterAll(async () => {
  await api?.close();
});

let ids = 0;
const nextId = (prefix: string) => `${prefix}-${(ids += 1)}`;

/** Creates a ticket and answers how many times subscription data was read for it. */
async function readingsFor(input: Record<string, unknown>, headers?: Record<string, string>): Promise<number> {
  const reading = vi.spyOn(api.server.api.engine, 'executeSubscriptionEvent');
  try {
    await api.mutate(CREATE_TICKET, { input }, headers);
    return reading.mock.calls.length;
  } finally {
    reading.mockRestore();
  }
}

async function start(client: RealtimeConnection, query: string, headers: Record<string, string> = api.keyHeaders) {
  const id = nextId('sub');
  expect(await client.start(id, { query }, headers)).toEqual({ type: 'start_ack', id });
  return id;
}

const dataOf = async (client: RealtimeConnection, id: string) =>
  (await client.next((m) => m.type === 'data' && m.id === id)).payload;

async function stop(client: RealtimeConnection, ...subscriptions: string[]) {
  for (const id of subscriptions) {
    client.send({ id, type: 'stop' });
    await client.next((m) => m.type === 'complete' && m.id === id);
  }
}

describe('delivery groups', () => {
  it('reads the data once for subscribers on two connections with the same operation and auth, and both get it', async () => {
    const query = 'subscription { onTicket(group: "same") { id severity } }';
    const [a, b] = [await start(first, query), await start(second, query)];
    expect(await readingsFor({ id: 's1', group: 'same', severity: 2, note: 'unseen' })).toBe(1);
    const expected = { data: { onTicket: { id: 's1', severity: 2 } } };
    expect(await dataOf(first, a)).toEqual(expected);
    expect(await dataOf(second, b)).toEqual(expected);
    await stop(first, a);
    await stop(second, b);
  });

  it('reads another selection on its own, and each subscriber gets its own selection', async () => {
    const a = await start(first, 'subscription { onTicket(group: "sel") { id severity } }');
    const b = await start(second, 'subscription { onTicket(group: "sel") { id note } }');
    expect(await readingsFor({ id: 's2', group: 'sel', severity: 4, note: 'seen by b' })).toBe(2);
    expect(await dataOf(first, a)).toEqual({ data: { onTicket: { id: 's2', severity: 4 } } });
    expect(await dataOf(second, b)).toEqual({ data: { onTicket: { id: 's2', note: 'seen by b' } } });
    await stop(first, a);
    await stop(second, b);
  });

  it('reads the same operation separately for each auth mode and each set of Cognito groups', async () => {
    const host = new URL(api.server.url).host;
    const admin = { host, Authorization: await api.issuer.idToken({ username: 'ada', groups: ['admin'] }) };
    const admin2 = { host, Authorization: await api.issuer.idToken({ username: 'abe', groups: ['admin'] }) };
    const customer = { host, Authorization: await api.issuer.idToken({ username: 'cora', groups: ['customer'] }) };
    const query = 'subscription { onTicket(group: "auth") { id } }';
    const subscriptions = [
      await start(first, query),
      await start(first, query, admin),
      await start(second, query, admin2),
      await start(second, query, customer),
    ];
    // API key; the two admins; the customer.
    expect(await readingsFor({ id: 's3', group: 'auth' })).toBe(3);
    for (const [client, id] of [first, first, second, second].map((c, i) => [c, subscriptions[i]!] as const)) {
      expect(await dataOf(client, id)).toEqual({ data: { onTicket: { id: 's3' } } });
    }
    await stop(first, subscriptions[0]!, subscriptions[1]!);
    await stop(second, subscriptions[2]!, subscriptions[3]!);
  });

  it("gives a Cognito admin the field only admins may read, in its group's data", async () => {
    const host = new URL(api.server.url).host;
    const admin = { host, Authorization: await api.issuer.idToken({ username: 'ada', groups: ['admin'] }) };
    const a = await start(first, 'subscription { onTicket(group: "secret") { id secret } }', admin);
    const b = await start(second, 'subscription { onTicket(group: "secret") { id } }');
    // The mutation's own caller must be able to read the field for it to be published.
    expect(await readingsFor({ id: 's4', group: 'secret', secret: 'for admins' }, { authorization: admin.Authorization })).toBe(
      2,
    );
    expect(await dataOf(first, a)).toEqual({ data: { onTicket: { id: 's4', secret: 'for admins' } } });
    expect(await dataOf(second, b)).toEqual({ data: { onTicket: { id: 's4' } } });
    await stop(first, a);
    await stop(second, b);
  });
});

describe('a connection with several subscriptions', () => {
  it('gets one message per subscription of an event, each with its id, then the next event', async () => {
    const ids = [
      await start(first, 'subscription { onTicket(group: "many") { id } }'),
      await start(first, 'subscription { onTicket(group: "many") { id severity } }'),
      await start(first, 'subscription { onTicket { id } }'),
    ];
    for (const ticket of ['m1', 'm2']) {
      await api.mutate(CREATE_TICKET, { input: { id: ticket, group: 'many', severity: 1 } });
      for (const id of ids) {
        expect((await first.next((m) => m.type === 'data' && m.id === id)).payload?.data?.onTicket).toMatchObject({ id: ticket });
      }
    }
    await stop(first, ...ids);
  });
});
