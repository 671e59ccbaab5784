// The dead-letter list: bounded, redriven to the targets that failed, and the bus's retry policy
// (attempts and event age) set from its options.
import { describe, expect, it } from 'vitest';
import { createEventBus, type EventBusOptions } from '../../../src/eventbridge/bus.ts';
import { MAX_DEAD_LETTERS } from '../../../src/eventbridge/delivery.ts';
import type { RuleDefinition } from '../../../src/eventbridge/rules.ts';

function busWith(rules: RuleDefinition[], options: Partial<EventBusOptions> = {}) {
  return createEventBus({
    region: 'us-east-1',
    accountId: '000000000000',
    busNames: ['commerce'],
    retry: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1 },
    principals: () => undefined,
    rules,
    ...options,
  });
}

const orderCreated = (n = 0) => ({
  EventBusName: 'commerce',
  Source: 'ecommerce.orders',
  DetailType: 'OrderCreated',
  Detail: JSON.stringify({ n }),
});

function redrive(url: string, body: unknown, contentType = 'application/json'): Promise<Response> {
  return fetch(`${url}/dead-letters/redrive`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: JSON.stringify(body),
  });
}

describe('dead letters', () => {
  it(`keeps the last ${MAX_DEAD_LETTERS}, dropping the oldest`, async () => {
    const bus = busWith([
      {
        name: 'orders',
        eventBusName: 'commerce',
        eventPattern: { source: ['ecommerce.orders'] },
        targets: [{ id: 'broken', deliver: () => Promise.reject(new Error('down')) }],
      },
    ]);
    for (let n = 0; n < MAX_DEAD_LETTERS + 5; n += 10) {
      bus.putEvents(Array.from({ length: 10 }, (_, i) => orderCreated(n + i)));
    }
    await bus.whenIdle();
    const letters = bus.deadLetters();
    expect(letters).toHaveLength(MAX_DEAD_LETTERS);
    expect(letters[0]!.event.detail).toEqual({ n: 10 });
    expect(letters.at(-1)!.event.detail).toEqual({ n: MAX_DEAD_LETTERS + 9 });
    await bus.close();
  });

  it('redrives dead letters to the target that failed them, not to the rule’s other targets', async () => {
    let down = true;
    const received: string[] = [];
    const bus = busWith([
      {
        name: 'orders',
        eventBusName: 'commerce',
        eventPattern: { source: ['ecommerce.orders'] },
        targets: [
          { id: 'steady', deliver: async () => void received.push('steady') },
          {
            id: 'flaky',
            deliver: async () => {
              if (down) throw new Error('down');
              received.push('flaky');
            },
          },
        ],
      },
    ]);
    const server = await bus.listen();
    bus.putEvents([orderCreated(1), orderCreated(2)]);
    await bus.whenIdle();
    expect(bus.deadLetters().map((letter) => [letter.target.id, letter.exhaustedRetryCondition])).toEqual([
      ['flaky', 'MaximumRetryAttempts'],
      ['flaky', 'MaximumRetryAttempts'],
    ]);

    down = false;
    const response = await redrive(server.url, {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ redriven: 2 });
    await bus.whenIdle();
    expect(received.sort()).toEqual(['flaky', 'flaky', 'steady', 'steady']);
    expect(bus.deadLetters()).toEqual([]);
    expect(bus.delivered().filter((d) => d.target.id === 'flaky')).toHaveLength(2);
    await bus.close();
  });

  it('takes back dead letters kept from an earlier run (through JSON), redrivable to their target; unknown targets skipped', async () => {
    const rules = (deliver: () => Promise<void>): RuleDefinition[] => [
      {
        name: 'orders',
        eventBusName: 'commerce',
        eventPattern: { source: ['ecommerce.orders'] },
        targets: [{ id: 'mail', deliver }],
      },
    ];
    const before = busWith(rules(() => Promise.reject(new Error('down'))));
    before.putEvents([orderCreated(7)]);
    await before.whenIdle();
    const kept = JSON.parse(JSON.stringify(before.deadLetters())) as ReturnType<typeof before.deadLetters>;
    await before.close();

    const received: unknown[] = [];
    const after = busWith(rules(async () => void received.push('delivered')));
    const stranger = { ...kept[0]!, target: { id: 'gone' } };
    expect(after.restoreDeadLetters([...kept, stranger])).toBe(1);
    expect(after.deadLetters().map((letter) => [letter.target.id, letter.event.detail])).toEqual([['mail', { n: 7 }]]);
    expect(after.redriveDeadLetters()).toBe(1);
    await after.whenIdle();
    expect(received).toEqual(['delivered']);
    expect(after.deadLetters()).toEqual([]);
    await after.close();
  });

  it('dead-letters a redriven event again when its target still fails', async () => {
    const bus = busWith([
      {
        name: 'orders',
        eventBusName: 'commerce',
        eventPattern: { source: ['ecommerce.orders'] },
        targets: [{ id: 'broken', deliver: () => Promise.reject(new Error('down')) }],
      },
    ]);
    bus.putEvents([orderCreated()]);
    await bus.whenIdle();
    expect(bus.redriveDeadLetters()).toBe(1);
    await bus.whenIdle();
    expect(bus.deadLetters()).toHaveLength(1);
    await bus.close();
  });

  it('redrives only the rule or target asked for', async () => {
    const failing = (id: string) => ({ id, deliver: () => Promise.reject(new Error('down')) });
    const bus = busWith([
      {
        name: 'a',
        eventBusName: 'commerce',
        eventPattern: { source: ['ecommerce.orders'] },
        targets: [failing('a1'), failing('a2')],
      },
      { name: 'b', eventBusName: 'commerce', eventPattern: { source: ['ecommerce.orders'] }, targets: [failing('b1')] },
    ]);
    const server = await bus.listen();
    bus.putEvents([orderCreated()]);
    await bus.whenIdle();
    expect(await (await redrive(server.url, { rule: 'a', targetId: 'a2' })).json()).toEqual({ redriven: 1 });
    expect(await (await redrive(server.url, { rule: 'b' })).json()).toEqual({ redriven: 1 });
    await bus.whenIdle();
    expect(bus.deadLetters().map((letter) => letter.target.id)).toEqual(['a1', 'a2', 'b1']);
    await bus.close();
  });

  it('refuses a redrive that is not JSON (a web page cannot send JSON here without a preflight)', async () => {
    const bus = busWith([]);
    const server = await bus.listen();
    expect((await redrive(server.url, {}, 'text/plain')).status).toBe(415);
    expect((await redrive(server.url, { rule: 3 })).status).toBe(400);
    await bus.close();
  });
});

describe('the bus retry policy', () => {
  it('gives up on an event older than retry.maxEventAgeSeconds', async () => {
    let clockMs = 0;
    const bus = busWith(
      [
        {
          name: 'orders',
          eventBusName: 'commerce',
          eventPattern: { source: ['ecommerce.orders'] },
          targets: [
            {
              id: 'slow',
              deliver: async () => {
                clockMs += 5_000;
                throw new Error('timed out');
              },
            },
          ],
        },
      ],
      { retry: { maxAttempts: 10, initialDelayMs: 1, maxDelayMs: 1, maxEventAgeSeconds: 4 }, now: () => new Date(clockMs) },
    );
    bus.putEvents([orderCreated()]);
    await bus.whenIdle();
    expect(bus.deadLetters().map(({ attempts, exhaustedRetryCondition }) => ({ attempts, exhaustedRetryCondition }))).toEqual([
      { attempts: 1, exhaustedRetryCondition: 'MaximumEventAgeInSeconds' },
    ]);
    await bus.close();
  });

  it('refuses a maxEventAgeSeconds that is not positive', () => {
    expect(() => busWith([], { retry: { maxEventAgeSeconds: 0 } })).toThrow(/maxEventAgeSeconds/);
  });
});
