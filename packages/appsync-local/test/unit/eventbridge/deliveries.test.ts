import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../../src/eventbridge/bus.ts';
import { RECENT_DELIVERIES } from '../../../src/eventbridge/delivery.ts';

describe('recent deliveries', () => {
  it('records each successful delivery with its rule, target and attempts, and serves them at GET /deliveries', async () => {
    let failuresLeft = 1;
    const bus = createEventBus({
      region: 'us-east-1',
      accountId: '000000000000',
      busNames: ['commerce'],
      retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
      principals: () => undefined,
      rules: [
        {
          name: 'orders',
          eventBusName: 'commerce',
          eventPattern: { source: ['ecommerce.orders'] },
          targets: [
            { id: 'steady', deliver: async () => undefined },
            {
              id: 'flaky',
              deliver: async () => {
                if (failuresLeft-- > 0) throw new Error('not yet');
              },
            },
            {
              id: 'broken',
              deliver: async () => {
                throw new Error('never');
              },
            },
          ],
        },
      ],
    });
    const { Entries } = bus.putEvents([
      { EventBusName: 'commerce', Source: 'ecommerce.orders', DetailType: 'OrderCreated', Detail: '{}' },
    ]);
    await bus.whenIdle();

    const eventId = Entries[0]!.EventId;
    const delivered = bus
      .delivered()
      .map(({ eventId, detailType, rule, target, attempts }) => ({ eventId, detailType, rule, target: target.id, attempts }));
    expect(delivered).toEqual(
      expect.arrayContaining([
        { eventId, detailType: 'OrderCreated', rule: 'orders', target: 'steady', attempts: 1 },
        { eventId, detailType: 'OrderCreated', rule: 'orders', target: 'flaky', attempts: 2 },
      ]),
    );
    expect(delivered).toHaveLength(2);
    expect(bus.deadLetters().map((letter) => letter.target.id)).toEqual(['broken']);

    const server = await bus.listen();
    const served = (await (await fetch(`${server.url}/deliveries`)).json()) as { target: { id: string } }[];
    expect(served.map((d) => d.target.id).sort()).toEqual(['flaky', 'steady']);
    await bus.close();
  });

  it('remembers at most RECENT_DELIVERIES', async () => {
    const bus = createEventBus({
      region: 'us-east-1',
      accountId: '000000000000',
      busNames: ['commerce'],
      principals: () => undefined,
      rules: [
        {
          name: 'all',
          eventBusName: 'commerce',
          eventPattern: { source: ['s'] },
          targets: [{ id: 't', deliver: async () => undefined }],
        },
      ],
    });
    for (let batch = 0; batch < RECENT_DELIVERIES / 10 + 1; batch += 1) {
      bus.putEvents(Array.from({ length: 10 }, () => ({ EventBusName: 'commerce', Source: 's', DetailType: 'T', Detail: '{}' })));
    }
    await bus.whenIdle();
    expect(bus.delivered()).toHaveLength(RECENT_DELIVERIES);
    await bus.close();
  });
});

describe('dead letters', () => {
  it('are told to onDeadLetter as they happen (where a dead-letter queue would raise its alarm), a failing hook only logged', async () => {
    const told: string[] = [];
    const bus = createEventBus({
      region: 'us-east-1',
      accountId: '000000000000',
      busNames: ['commerce'],
      retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 },
      principals: () => undefined,
      onDeadLetter: (letter) => {
        told.push(`${letter.rule.name} ${letter.target.id} ${letter.attempts} ${letter.lastError.message}`);
        throw new Error('the hook itself fails');
      },
      rules: [
        {
          name: 'orders',
          eventBusName: 'commerce',
          eventPattern: { source: ['ecommerce.orders'] },
          targets: [
            { id: 'fine', deliver: async () => undefined },
            {
              id: 'broken',
              deliver: async () => {
                throw new Error('never');
              },
            },
          ],
        },
      ],
    });
    bus.putEvents([{ EventBusName: 'commerce', Source: 'ecommerce.orders', DetailType: 'OrderCreated', Detail: '{}' }]);
    await bus.whenIdle();
    expect(told).toEqual(['orders broken 2 never']);
    expect(bus.deadLetters()).toHaveLength(1);
    await bus.close();
  });
});
