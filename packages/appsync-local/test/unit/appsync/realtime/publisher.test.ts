// The publisher's delivery groups and writes, with subscribers that record what they are sent:
// one reading and one serialization per group, each subscriber's own id around the shared bytes,
// and a connection with several subscriptions corked for the whole event.
import { buildSchema } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import type { GraphQLEngine } from '../../../../src/appsync/execution/engine.ts';
import type { PreparedSubscription } from '../../../../src/appsync/execution/subscription.ts';
import type { RequestScope } from '../../../../src/appsync/execution/context.ts';
import { dataMessagePrefix } from '../../../../src/appsync/realtime/messages.ts';
import { Publisher } from '../../../../src/appsync/realtime/publisher.ts';
import { type ActiveSubscription, type Subscriber, SubscriptionRegistry } from '../../../../src/appsync/realtime/registry.ts';

const schema = buildSchema(/* GraphQL */ `
  directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
  type Item {
    id: ID!
    name: String
    note: String
  }
  type Query {
    ping: String
  }
  type Mutation {
    putItem(id: ID!): Item
  }
  type Subscription {
    onItem: Item @aws_subscribe(mutations: ["putItem"])
    onItemAgain: Item @aws_subscribe(mutations: ["putItem"])
  }
`);

/** A subscriber that logs what happens to it, in order. */
class RecordingSubscriber implements Subscriber {
  readonly log: string[] = [];
  subscriptionCount = 0;
  send(message: string | Buffer): void {
    this.log.push(`send ${message.toString()}`);
  }
  hold(): void {
    this.log.push('hold');
  }
  release(): void {
    this.log.push('release');
  }
  endSubscription(id: string): void {
    this.log.push(`end ${id}`);
  }
  get messages(): unknown[] {
    return this.log.filter((l) => l.startsWith('send ')).map((l) => JSON.parse(l.slice('send '.length)));
  }
}

/** Reads the fields named in the delivery key (`fields:name,note`) from the published item. */
function setUp() {
  const registry = new SubscriptionRegistry();
  const readings: string[] = [];
  const engine = {
    executeSubscriptionEvent: vi.fn((prepared: PreparedSubscription, payload: unknown) => {
      const fields = (prepared.variables.fields as string[]) ?? [];
      readings.push(fields.join(','));
      const item = payload as Record<string, unknown>;
      return { data: { [prepared.fieldName]: Object.fromEntries(['id', ...fields].map((f) => [f, item[f]])) } };
    }),
  } as unknown as GraphQLEngine;
  const publisher = new Publisher(schema, engine, registry);
  const subscribe = (subscriber: RecordingSubscriber, id: string, fields: string[], field = 'onItem', auth = 'API_KEY') => {
    subscriber.subscriptionCount += 1;
    const subscription: ActiveSubscription = {
      id,
      subscriber,
      prepared: { fieldName: field, variables: { fields } } as unknown as PreparedSubscription,
      scope: { auth: { authType: auth } } as unknown as RequestScope,
      matchesArguments: () => true,
      matchesFilter: undefined,
      matchesInvalidation: undefined,
      deliveryKey: JSON.stringify([field, fields, auth]),
      dataPrefix: dataMessagePrefix(id),
    };
    registry.add(subscription);
  };
  const put = (item: Record<string, unknown>) =>
    publisher.publish({ fields: [{ fieldName: 'putItem', value: item }], invalidations: [] });
  return { subscribe, put, readings };
}

const ITEM = { id: 'i1', name: 'first', note: 'a note' };

describe('delivery groups', () => {
  it('reads and serializes the data once for the subscribers of one group, and sends each its own id', async () => {
    const { subscribe, put, readings } = setUp();
    const [a, b, c] = [new RecordingSubscriber(), new RecordingSubscriber(), new RecordingSubscriber()];
    subscribe(a, 'sub-a', ['name']);
    subscribe(b, 'sub-b', ['name']);
    subscribe(c, 'sub-c', ['name']);
    await put(ITEM);
    expect(readings).toEqual(['name']);
    const payload = '{"data":{"onItem":{"id":"i1","name":"first"}}}';
    expect(a.log).toEqual([`send {"id":"sub-a","type":"data","payload":${payload}}`]);
    expect(b.log).toEqual([`send {"id":"sub-b","type":"data","payload":${payload}}`]);
    expect(c.log).toEqual([`send {"id":"sub-c","type":"data","payload":${payload}}`]);
  });

  it('gives subscribers with other selections, or another auth, a group of their own and their own data', async () => {
    const { subscribe, put, readings } = setUp();
    const [name, note, iam] = [new RecordingSubscriber(), new RecordingSubscriber(), new RecordingSubscriber()];
    subscribe(name, 'n', ['name']);
    subscribe(note, 'o', ['note']);
    subscribe(iam, 'i', ['name'], 'onItem', 'AWS_IAM');
    await put(ITEM);
    expect(readings.sort()).toEqual(['name', 'name', 'note']);
    expect(name.messages).toEqual([{ id: 'n', type: 'data', payload: { data: { onItem: { id: 'i1', name: 'first' } } } }]);
    expect(note.messages).toEqual([{ id: 'o', type: 'data', payload: { data: { onItem: { id: 'i1', note: 'a note' } } } }]);
    expect(iam.messages).toEqual([{ id: 'i', type: 'data', payload: { data: { onItem: { id: 'i1', name: 'first' } } } }]);
  });

  it('escapes an id that JSON must escape', async () => {
    const { subscribe, put } = setUp();
    const subscriber = new RecordingSubscriber();
    subscribe(subscriber, 'quote " back \\ é ☃', ['name']);
    await put(ITEM);
    expect(subscriber.messages).toEqual([
      { id: 'quote " back \\ é ☃', type: 'data', payload: { data: { onItem: { id: 'i1', name: 'first' } } } },
    ]);
  });
});

describe('writes', () => {
  it("holds a connection with several subscriptions from its first message to the event's last, once", async () => {
    const { subscribe, put } = setUp();
    const [many, one] = [new RecordingSubscriber(), new RecordingSubscriber()];
    subscribe(many, 'm1', ['name']);
    subscribe(many, 'm2', ['note']);
    subscribe(many, 'm3', ['name'], 'onItemAgain');
    subscribe(one, 'o1', ['name']);
    await put(ITEM);
    expect(many.log.map((l) => (l.startsWith('send ') ? `send ${(JSON.parse(l.slice(5)) as { id: string }).id}` : l))).toEqual([
      'hold',
      'send m1',
      'send m2',
      'send m3',
      'release',
    ]);
    expect(one.log.filter((l) => !l.startsWith('send '))).toEqual([]);
  });

  it('releases what it held when an event is done, before the next event', async () => {
    const { subscribe, put } = setUp();
    const many = new RecordingSubscriber();
    subscribe(many, 'm1', ['name']);
    subscribe(many, 'm2', ['note']);
    await Promise.all([put(ITEM), put({ ...ITEM, id: 'i2' })]);
    expect(many.log.map((l) => l.split(' ')[0])).toEqual(['hold', 'send', 'send', 'release', 'hold', 'send', 'send', 'release']);
  });
});
