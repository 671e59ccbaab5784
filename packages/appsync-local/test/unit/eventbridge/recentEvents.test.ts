import { describe, expect, it } from 'vitest';
import { createEventBus, RECENT_EVENTS } from '../../../src/eventbridge/bus.ts';

const bus = () =>
  createEventBus({
    region: 'us-east-1',
    accountId: '000000000000',
    busNames: ['commerce'],
    rules: [],
    principals: () => undefined,
  });

describe('recent events', () => {
  it('keeps the events accepted on an existing bus, oldest first, and serves them at GET /events', async () => {
    const local = bus();
    local.putEvents([
      { EventBusName: 'commerce', Source: 'ecommerce.tests', DetailType: 'First', Detail: '{"n":1}' },
      { EventBusName: 'nowhere', Source: 'ecommerce.tests', DetailType: 'Dropped', Detail: '{}' },
      { EventBusName: 'commerce', Source: 'ecommerce.tests', DetailType: 'Second', Detail: '{"n":2}' },
    ]);
    expect(local.recentEvents().map((e) => [e['detail-type'], e.detail])).toEqual([
      ['First', { n: 1 }],
      ['Second', { n: 2 }],
    ]);
    const server = await local.listen();
    const served = (await (await fetch(`${server.url}/events`)).json()) as { 'detail-type': string }[];
    expect(served.map((e) => e['detail-type'])).toEqual(['First', 'Second']);
    await local.close();
  });

  it('keeps at most the newest RECENT_EVENTS events', () => {
    const local = bus();
    for (let batch = 0; batch < RECENT_EVENTS / 10 + 1; batch += 1) {
      local.putEvents(
        Array.from({ length: 10 }, (_, i) => ({
          EventBusName: 'commerce',
          Source: 's',
          DetailType: 'T',
          Detail: JSON.stringify({ n: batch * 10 + i }),
        })),
      );
    }
    const events = local.recentEvents();
    expect(events).toHaveLength(RECENT_EVENTS);
    expect(events.at(-1)!.detail).toEqual({ n: RECENT_EVENTS + 9 });
    void local.close();
  });
});
