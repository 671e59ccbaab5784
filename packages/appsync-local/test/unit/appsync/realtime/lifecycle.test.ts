import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REALTIME_LIMITS } from '../../../../src/appsync/realtime/index.ts';
import type { RealtimeConnection } from '../../../../src/testing/realtimeClient.ts';
import { CREATE_TICKET, quietPeriod, type RealtimeFixture, startRealtimeFixture } from './fixture.ts';

let api: RealtimeFixture;

beforeAll(async () => {
  api = await startRealtimeFixture();
});

afterAll(async () => {
  await api?.close();
});

const ticket = (input: Record<string, unknown>) => api.mutate(CREATE_TICKET, { input });
const isData = (id: string) => (m: { type: string; id?: string }) => m.type === 'data' && m.id === id;

/** How often and how long a test watches the server's count of connections. */
const SETTLED = { timeout: 2000, interval: 10 };
const connections = () => api.server.api.realtime.stats().connections;

describe('invalidation with extensions.invalidateSubscriptions', () => {
  it('completes only the subscriptions whose invalidation filter matches the payload', async () => {
    const client = await api.connect();
    await client.start('group-a', { query: 'subscription { onGroupTicket(group: "a") { id } }' }, api.keyHeaders);
    await client.start('group-b', { query: 'subscription { onGroupTicket(group: "b") { id } }' }, api.keyHeaders);
    await client.start('plain', { query: 'subscription { onTicket(group: "a") { id } }' }, api.keyHeaders);
    const response = await api.mutate('mutation { removeFromGroup(group: "a") }');
    expect(response.body).toEqual({ data: { removeFromGroup: 'a' } });
    expect(await client.next('complete')).toEqual({ type: 'complete', id: 'group-a' });

    await ticket({ id: 'after', group: 'a' });
    await ticket({ id: 'for-b', group: 'b' });
    expect((await client.next(isData('group-b'))).payload?.data).toEqual({ onGroupTicket: { id: 'for-b' } });
    expect((await client.next(isData('plain'))).payload?.data).toEqual({ onTicket: { id: 'after' } });
    await quietPeriod();
    expect(client.takeData('group-a')).toEqual([]);
    expect(client.pending((m) => m.type === 'complete')).toEqual([]);
    client.close();
  });
});

describe('connections that go away', () => {
  it('drops every subscription of a vanished connection while the others keep receiving', async () => {
    await expect.poll(connections, SETTLED).toBe(0);
    const before = api.server.api.realtime.stats();
    const staying = await api.connect();
    const leaving = await api.connect();
    await staying.start('stay', { query: 'subscription { onTicket(group: "drop") { id } }' }, api.keyHeaders);
    await leaving.start('leave-1', { query: 'subscription { onTicket(group: "drop") { id } }' }, api.keyHeaders);
    await leaving.start('leave-2', { query: 'subscription { onTicket { id } }' }, api.keyHeaders);
    expect(api.server.api.realtime.stats()).toEqual({
      connections: before.connections + 2,
      subscriptions: before.subscriptions + 3,
    });

    leaving.drop();
    await expect.poll(connections, SETTLED).toBe(before.connections + 1);
    expect(api.server.api.realtime.stats().subscriptions).toBe(before.subscriptions + 1);
    await ticket({ id: 'd1', group: 'drop' });
    expect((await staying.next(isData('stay'))).payload?.data).toEqual({ onTicket: { id: 'd1' } });
    staying.close();
    await expect.poll(connections, SETTLED).toBe(before.connections);
  });
});

describe("AppSync's limits for a connection", () => {
  it(`refuses the subscription after ${REALTIME_LIMITS.subscriptionsPerConnection} with MaxSubscriptionsReachedError`, async () => {
    const client = await api.connect();
    for (let i = 0; i < REALTIME_LIMITS.subscriptionsPerConnection; i++) {
      client.send({
        id: `many-${i}`,
        type: 'start',
        payload: {
          data: JSON.stringify({ query: 'subscription { onTicket { id } }' }),
          extensions: { authorization: api.keyHeaders },
        },
      });
    }
    await client.next((m) => m.id === `many-${REALTIME_LIMITS.subscriptionsPerConnection - 1}` && m.type === 'start_ack');
    expect(await client.start('one-too-many', { query: 'subscription { onTicket { id } }' }, api.keyHeaders)).toEqual({
      type: 'error',
      id: 'one-too-many',
      payload: { errors: [{ errorType: 'MaxSubscriptionsReachedError', message: 'Max number of 100 subscriptions reached' }] },
    });
    client.send({ id: 'many-0', type: 'stop' });
    await client.next('complete');
    expect((await client.start('room-again', { query: 'subscription { onTicket { id } }' }, api.keyHeaders)).type).toBe(
      'start_ack',
    );
    client.close();
  });

  it('does not deliver an event larger than the 240 KB subscription payload limit', async () => {
    const client = await api.connect();
    await client.start('big', { query: 'subscription { onTicket(group: "big") { id note } }' }, api.keyHeaders);
    await ticket({ id: 'huge', group: 'big', note: 'x'.repeat(REALTIME_LIMITS.subscriptionPayloadBytes) });
    await ticket({ id: 'small', group: 'big', note: 'x' });
    expect((await client.next(isData('big'))).payload?.data).toEqual({ onTicket: { id: 'small', note: 'x' } });
    expect(client.takeData('big')).toEqual([]);
    client.close();
  });
});

describe('closing the API', () => {
  it('closes every connection', async () => {
    const own = await startRealtimeFixture();
    const clients: RealtimeConnection[] = await Promise.all([own.connect(), own.connect()]);
    await clients[0]!.start('s', { query: 'subscription { onTicket { id } }' }, own.keyHeaders);
    expect(own.server.api.realtime.stats()).toEqual({ connections: 2, subscriptions: 1 });
    await own.close();
    const closes = await Promise.all(clients.map((c) => c.closed));
    expect(closes.map((c) => c.code)).toEqual([1001, 1001]);
    expect(own.server.api.realtime.stats()).toEqual({ connections: 0, subscriptions: 0 });
  });
});
