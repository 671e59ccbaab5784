import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileArgumentFilter, compileFilter } from '../../../../src/appsync/realtime/index.ts';
import type { RealtimeConnection } from '../../../../src/testing/realtimeClient.ts';
import { CREATE_TICKET, quietPeriod, type RealtimeFixture, startRealtimeFixture } from './fixture.ts';

let api: RealtimeFixture;
let client: RealtimeConnection;

beforeAll(async () => {
  api = await startRealtimeFixture();
  client = await api.connect();
});

afterAll(async () => {
  await api?.close();
});

type Condition = [fieldName: string, operator: string, value: unknown];
const group = (...conditions: Condition[]) => ({
  filters: conditions.map(([fieldName, operator, value]) => ({ fieldName, operator, value })),
});
const rule = (...groups: ReturnType<typeof group>[]) => ({ filterGroup: groups });
const one = (...condition: Condition) => rule(group(condition));

const published = {
  group: 'ops',
  severity: 3,
  priority: 'high',
  tags: ['red', 'blue'],
  owner: { name: 'ann', level: 2 },
  note: 'urgent: call back',
};

let count = 0;

/** Subscribes once with each filter, publishes one ticket, and tells which subscription received it. */
async function receivers(filters: Record<string, unknown>): Promise<string[]> {
  const ids = Object.fromEntries(Object.keys(filters).map((name) => [name, `${name}-${(count += 1)}`]));
  for (const [name, filter] of Object.entries(filters)) {
    const answer = await client.start(
      ids[name]!,
      {
        query: 'subscription F($rule: String!) { onFiltered(rule: $rule) { id severity } }',
        variables: { rule: JSON.stringify(filter) },
      },
      api.keyHeaders,
    );
    expect(answer.type).toBe('start_ack');
  }
  await api.mutate(CREATE_TICKET, { input: { id: `ticket-${count}`, ...published } });
  await quietPeriod(60);
  const received = Object.keys(filters).filter((name) => client.takeData(ids[name]!).length === 1);
  for (const id of Object.values(ids)) client.send({ id, type: 'stop' });
  return received;
}

describe('enhanced filtering with extensions.setSubscriptionFilter', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['eq', one('severity', 'eq', 3), one('severity', 'eq', 4)],
    ['ne', one('priority', 'ne', 'low'), one('priority', 'ne', 'high')],
    ['le', one('severity', 'le', 3), one('severity', 'le', 2)],
    ['lt', one('severity', 'lt', 4), one('severity', 'lt', 3)],
    ['ge', one('severity', 'ge', 3), one('severity', 'ge', 4)],
    ['gt', one('severity', 'gt', 2), one('severity', 'gt', 3)],
    ['contains (a substring of a string)', one('note', 'contains', 'urgent'), one('note', 'contains', 'calm')],
    ['contains (a member of a list)', one('tags', 'contains', 'red'), one('tags', 'contains', 'green')],
    ['notContains', one('tags', 'notContains', 'green'), one('tags', 'notContains', 'red')],
    ['beginsWith', one('priority', 'beginsWith', 'hi'), one('priority', 'beginsWith', 'lo')],
    ['in', one('priority', 'in', ['high', 'medium']), one('priority', 'in', ['low', 'medium'])],
    ['notIn', one('priority', 'notIn', ['low', 'medium']), one('priority', 'notIn', ['high'])],
    ['between (inclusive)', one('severity', 'between', [1, 3]), one('severity', 'between', [4, 9])],
    ['containsAny', one('tags', 'containsAny', ['green', 'blue']), one('tags', 'containsAny', ['green', 'yellow'])],
    ['eq on a nested field', one('owner.name', 'eq', 'ann'), one('owner.name', 'eq', 'bob')],
    ['gt on a nested field', one('owner.level', 'gt', 1), one('owner.level', 'gt', 2)],
  ])('sends with %s only to the subscriber whose filter matches', async (_name, matching, other) => {
    expect(await receivers({ matching, other })).toEqual(['matching']);
  });

  it('ORs the filter groups and ANDs the filters of a group', async () => {
    expect(
      await receivers({
        eitherGroup: rule(group(['severity', 'eq', 9]), group(['priority', 'eq', 'high'])),
        neitherGroup: rule(group(['severity', 'eq', 9]), group(['priority', 'eq', 'low'])),
        bothFilters: rule(group(['severity', 'eq', 3], ['priority', 'eq', 'high'])),
        oneOfTwoFilters: rule(group(['severity', 'eq', 3], ['priority', 'eq', 'low'])),
      }),
    ).toEqual(['eitherGroup', 'bothFilters']);
  });

  it('passes everything with an empty filterGroup, whatever the arguments', async () => {
    expect(await receivers({ empty: rule() })).toEqual(['empty']);
  });

  it('applies a filter made with util.transform.toSubscriptionFilter', async () => {
    const [severe, mild] = [`severe-${(count += 1)}`, `mild-${(count += 1)}`];
    await client.start(severe, { query: 'subscription { onSevere(atLeast: 3) { id } }' }, api.keyHeaders);
    await client.start(mild, { query: 'subscription { onSevere(atLeast: 4) { id } }' }, api.keyHeaders);
    await api.mutate(CREATE_TICKET, { input: { id: 'sev', severity: 3 } });
    await client.next((m) => m.type === 'data' && m.id === severe);
    await quietPeriod(60);
    expect(client.takeData(mild)).toEqual([]);
  });

  it("refuses a start whose filter breaks AppSync's limits, with errorCode 400", async () => {
    const id = `limits-${(count += 1)}`;
    const answer = await client.start(
      id,
      {
        query: 'subscription F($rule: String!) { onFiltered(rule: $rule) { id } }',
        variables: { rule: JSON.stringify(one('priority', 'in', ['a', 'b', 'c', 'd', 'e', 'f'])) },
      },
      api.keyHeaders,
    );
    expect(answer).toEqual({
      type: 'error',
      id,
      payload: { errors: [{ message: 'subscription filter has invalid filter value for operator `in`.', errorCode: 400 }] },
    });
  });
});

describe('compiling a filter', () => {
  const payload = { a: 1, s: 'abc', list: [1, 2], nested: { deeper: { x: 'y' } }, nothing: null };

  it('reads a missing field as null', () => {
    expect(compileFilter(one('missing', 'eq', null))(payload)).toBe(true);
    expect(compileFilter(one('missing', 'ne', null))(payload)).toBe(false);
    expect(compileFilter(one('missing', 'notIn', ['x']))(payload)).toBe(true);
  });

  it('compares only values of the same type', () => {
    expect(compileFilter(one('a', 'gt', '0'))(payload)).toBe(false);
    expect(compileFilter(one('s', 'lt', 'abd'))(payload)).toBe(true);
    expect(compileFilter(one('a', 'eq', '1'))(payload)).toBe(false);
  });

  it('reaches nested fields through dots', () => {
    expect(compileFilter(one('nested.deeper.x', 'eq', 'y'))(payload)).toBe(true);
    expect(compileFilter(one('s.length', 'eq', 3))(payload)).toBe(false);
  });

  it.each<[string, unknown, string]>([
    [
      'more than 10 filter groups',
      rule(...Array.from({ length: 11 }, () => group(['a', 'eq', 1]))),
      'subscription filter exceeds the maximum of 10 filter groups.',
    ],
    [
      'more than 5 filters in a group',
      rule(group(...Array.from({ length: 6 }, (): Condition => ['a', 'eq', 1]))),
      'Filters exceed maximum attributes limit 5 for subscription',
    ],
    [
      'more than 5 values for in',
      one('a', 'in', [1, 2, 3, 4, 5, 6]),
      'subscription filter has invalid filter value for operator `in`.',
    ],
    [
      'more than 5 values for notIn',
      one('a', 'notIn', [1, 2, 3, 4, 5, 6]),
      'subscription filter has invalid filter value for operator `notIn`.',
    ],
    [
      'more than 20 values for containsAny',
      one(
        'list',
        'containsAny',
        Array.from({ length: 21 }, (_, i) => i),
      ),
      'subscription filter has invalid filter value for operator `containsAny`.',
    ],
    [
      'a between that is not two values',
      one('a', 'between', [1]),
      'subscription filter has invalid filter value for operator `between`.',
    ],
    ['a list for eq', one('a', 'eq', [1]), 'subscription filter has invalid filter value for operator `eq`.'],
    [
      'a field nested deeper than 5 levels',
      one('a.b.c.d.e.f', 'eq', 1),
      'subscription filter has an invalid fieldName `a.b.c.d.e.f`.',
    ],
    ['an operator AppSync does not have', one('a', 'matches', 1), 'subscription filter has an unsupported operator `matches`.'],
    ['no filterGroup', { filters: [] }, 'subscription filter is invalid: it must be an object with a filterGroup list.'],
  ])('refuses %s', (_name, filter, message) => {
    expect(() => compileFilter(filter)).toThrow(message);
  });
});

// "Using subscription arguments" (https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html):
// every argument the client gives must equal the payload's field; `onUpdateTodo(owner: null)`
// asks for the updates of todos with no owner.
describe('basic filtering by the subscription arguments', () => {
  it('requires each given argument to equal the payload field of that name', () => {
    const matches = compileArgumentFilter({ orderId: 'o-1', status: 'SHIPPED' });
    expect(matches({ orderId: 'o-1', status: 'SHIPPED', other: 1 })).toBe(true);
    expect(matches({ orderId: 'o-1', status: 'NEW' })).toBe(false);
    expect(matches({ orderId: 'o-2', status: 'SHIPPED' })).toBe(false);
  });

  it('reads an argument given as null as "the field is null"', () => {
    const matches = compileArgumentFilter({ owner: null });
    expect(matches({ id: 't1', owner: null })).toBe(true);
    expect(matches({ id: 't2' })).toBe(true);
    expect(matches({ id: 't3', owner: 'ann' })).toBe(false);
  });

  it('filters nothing on an argument not given', () => {
    expect(compileArgumentFilter({})({ owner: 'ann' })).toBe(true);
  });
});
