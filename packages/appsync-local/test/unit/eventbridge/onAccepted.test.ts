import { describe, expect, it, vi } from 'vitest';
import type { EventBridgeEvent } from '../../../src/eventbridge/event.ts';
import { createEventBus, RECENT_EVENTS } from '../../../src/eventbridge/bus.ts';

const busWith = (onAccepted: (event: EventBridgeEvent, busName: string) => void) =>
  createEventBus({
    region: 'us-east-1',
    accountId: '000000000000',
    busNames: ['commerce'],
    rules: [],
    principals: () => undefined,
    onAccepted,
  });

describe('onAccepted', () => {
  it('sees every event accepted on an existing bus, in order, and none dropped for an unknown bus', () => {
    const seen: [string, string][] = [];
    const local = busWith((event, busName) => seen.push([event['detail-type'], busName]));
    local.putEvents([
      { EventBusName: 'commerce', Source: 'ecommerce.tests', DetailType: 'First', Detail: '{}' },
      { EventBusName: 'nowhere', Source: 'ecommerce.tests', DetailType: 'Dropped', Detail: '{}' },
      { EventBusName: 'default', Source: 'ecommerce.tests', DetailType: 'Second', Detail: '{}' },
    ]);
    expect(seen).toEqual([
      ['First', 'commerce'],
      ['Second', 'default'],
    ]);
  });

  it('sees more events than GET /events keeps', () => {
    let count = 0;
    const local = busWith(() => (count += 1));
    const entry = { EventBusName: 'commerce', Source: 's', DetailType: 'T', Detail: '{}' };
    for (let batch = 0; batch < RECENT_EVENTS / 10 + 5; batch += 1) local.putEvents(Array.from({ length: 10 }, () => entry));
    expect(count).toBe(RECENT_EVENTS + 50);
  });

  it('does not refuse an event when it throws: the error is logged', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const local = busWith(() => {
        throw new Error('checker broke');
      });
      const result = local.putEvents([{ EventBusName: 'commerce', Source: 's', DetailType: 'T', Detail: '{}' }]);
      expect(result.FailedEntryCount).toBe(0);
      expect(local.recentEvents()).toHaveLength(1);
      expect(logged).toHaveBeenCalledWith(
        expect.stringMatching(/^local EventBridge: onAccepted failed for event /),
        expect.any(Error),
      );
    } finally {
      logged.mockRestore();
    }
  });
});
