// Delivery: asynchronous after PutEvents, each target on its own, retried with backoff, and kept
// in the dead-letter list when retries or the event's age run out. At least once, never deduped.
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventBus, type EventBusOptions, type LocalEventBus } from '../../../src/eventbridge/bus.ts';
import type { EventBridgeEvent } from '../../../src/eventbridge/event.ts';
import type { RuleDefinition, TargetDefinition } from '../../../src/eventbridge/rules.ts';

const buses: LocalEventBus[] = [];
afterEach(async () => {
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
});

function busWith(
  targets: TargetDefinition[],
  options: Partial<EventBusOptions> = {},
  pattern: RuleDefinition['eventPattern'] = { source: ['ecommerce.orders'] },
): LocalEventBus {
  const bus = createEventBus({
    region: 'eu-west-1',
    accountId: '123456789012',
    busNames: ['commerce'],
    principals: () => undefined,
    retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100 },
    rules: [{ name: 'orders', eventBusName: 'commerce', eventPattern: pattern, targets }],
    ...options,
  });
  buses.push(bus);
  return bus;
}

function orderCreated(overrides: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry {
  return {
    EventBusName: 'commerce',
    Source: 'ecommerce.orders',
    DetailType: 'OrderCreated',
    Detail: '{"orderId":"o-1"}',
    ...overrides,
  };
}

/** A target that records what it receives and fails its first `failures` calls. */
function recorder(id: string, failures = 0) {
  const calls: { input: unknown; event: EventBridgeEvent; at: number }[] = [];
  const target: TargetDefinition = {
    id,
    deliver: async (input, event) => {
      calls.push({ input, event, at: performance.now() });
      if (calls.length <= failures) throw new Error(`${id} is down (call ${calls.length})`);
    },
  };
  return { target, calls };
}

describe('createEventBus delivery', () => {
  it('answers PutEvents before calling any target', async () => {
    const { target, calls } = recorder('t');
    const bus = busWith([target]);
    expect(bus.putEvents([orderCreated()]).FailedEntryCount).toBe(0);
    expect(calls).toHaveLength(0);
    await bus.whenIdle();
    expect(calls).toHaveLength(1);
  });

  it('delivers once a target that fails twice then succeeds, and does not dead-letter it', async () => {
    const { target, calls } = recorder('flaky', 2);
    const bus = busWith([target]);
    bus.putEvents([orderCreated()]);
    await bus.whenIdle();
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((call) => call.event.id)).size).toBe(1);
    expect(bus.deadLetters()).toEqual([]);
  });

  it('dead-letters a target that always fails after maxAttempts, backing off between attempts', async () => {
    const { target, calls } = recorder('down', Number.POSITIVE_INFINITY);
    const bus = busWith([target]);
    const [result] = bus.putEvents([orderCreated()]).Entries;
    await bus.whenIdle();
    expect(calls).toHaveLength(3);
    // Equal jitter: at least half of 20 ms, then of 40 ms (timers may fire a millisecond early).
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(9);
    expect((calls[2]?.at ?? 0) - (calls[1]?.at ?? 0)).toBeGreaterThanOrEqual(19);
    expect(bus.deadLetters()).toEqual([
      {
        event: expect.objectContaining({ id: result?.EventId, source: 'ecommerce.orders' }),
        rule: { name: 'orders', arn: 'arn:aws:events:eu-west-1:123456789012:rule/commerce/orders', eventBusName: 'commerce' },
        target: { id: 'down' },
        attempts: 3,
        lastError: { name: 'Error', message: 'down is down (call 3)' },
        exhaustedRetryCondition: 'MaximumRetryAttempts',
        deadLetteredAt: expect.any(String),
      },
    ]);
  });

  it('follows a target RetryPolicy: MaximumRetryAttempts 0 means a single attempt', async () => {
    const { target, calls } = recorder('once', Number.POSITIVE_INFINITY);
    const bus = busWith([{ ...target, retryPolicy: { maximumRetryAttempts: 0 } }]);
    bus.putEvents([orderCreated()]);
    await bus.whenIdle();
    expect(calls).toHaveLength(1);
    expect(bus.deadLetters()[0]).toMatchObject({ attempts: 1, exhaustedRetryCondition: 'MaximumRetryAttempts' });
  });

  it('dead-letters an event older than MaximumEventAgeInSeconds instead of retrying it', async () => {
    let clock = Date.parse('2024-05-01T10:00:00Z');
    const calls: number[] = [];
    const target: TargetDefinition = {
      id: 'slow',
      retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeInSeconds: 60 },
      deliver: async () => {
        calls.push(clock);
        clock += 61_000;
        throw new Error('timed out');
      },
    };
    const bus = busWith([target], { now: () => new Date(clock) });
    bus.putEvents([orderCreated()]);
    await bus.whenIdle();
    expect(calls).toHaveLength(1);
    expect(bus.deadLetters()[0]).toMatchObject({ attempts: 1, exhaustedRetryCondition: 'MaximumEventAgeInSeconds' });
  });

  it('delivers duplicate PutEvents twice, as two events: EventBridge is at least once and does not dedupe', async () => {
    const { target, calls } = recorder('t');
    const bus = busWith([target]);
    bus.putEvents([orderCreated()]);
    bus.putEvents([orderCreated()]);
    await bus.whenIdle();
    expect(calls).toHaveLength(2);
    expect(calls[0]?.event.id).not.toBe(calls[1]?.event.id);
  });

  it('does not let one target of a rule hold up another', async () => {
    let release = (): void => undefined;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const fast = recorder('fast');
    const bus = busWith([{ id: 'stuck', deliver: () => stuck }, fast.target]);
    bus.putEvents([orderCreated()]);
    await expect.poll(() => fast.calls.length, { timeout: 1000, interval: 5 }).toBe(1);
    let idle = false;
    const idlePromise = bus.whenIdle().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(idle).toBe(false);
    release();
    await idlePromise;
  });

  it('does not let a failing target hold up another target of the same rule', async () => {
    const failing = recorder('failing', Number.POSITIVE_INFINITY);
    const fine = recorder('fine');
    const bus = busWith([failing.target, fine.target], { retry: { maxAttempts: 5, initialDelayMs: 50, maxDelayMs: 50 } });
    bus.putEvents([orderCreated()]);
    await expect.poll(() => fine.calls.length, { timeout: 1000, interval: 5 }).toBe(1);
    expect(failing.calls.length).toBeLessThan(5);
    await bus.whenIdle();
    expect(bus.deadLetters().map((letter) => letter.target.id)).toEqual(['failing']);
  });

  it('delivers only to targets of rules on the event bus whose pattern matches', async () => {
    const { target, calls } = recorder('t');
    const bus = busWith([target], {}, { source: ['ecommerce.orders'], 'detail-type': ['OrderCreated'] });
    bus.putEvents([
      orderCreated({ DetailType: 'OrderCancelled' }),
      orderCreated({ EventBusName: 'default' }),
      orderCreated({ Source: 'ecommerce.payment' }),
    ]);
    await bus.whenIdle();
    expect(calls).toHaveLength(0);
  });

  it('gives each target the input of its own transformer, with the rule in reserved variables', async () => {
    const { target, calls } = recorder('notify');
    const bus = busWith([
      {
        ...target,
        inputTransformer: {
          inputPathsMap: { orderId: '$.detail.orderId' },
          inputTemplate: '{"input": {"orderId": <orderId>, "rule": <aws.events.rule-name>, "arn": <aws.events.rule-arn>}}',
        },
      },
    ]);
    bus.putEvents([orderCreated()]);
    await bus.whenIdle();
    expect(calls[0]?.input).toEqual({
      input: { orderId: 'o-1', rule: 'orders', arn: 'arn:aws:events:eu-west-1:123456789012:rule/commerce/orders' },
    });
  });

  it('gives each target its own copy of the event', async () => {
    const meddler: TargetDefinition = {
      id: 'meddler',
      deliver: async (input) => void ((input as EventBridgeEvent).detail['orderId'] = 'changed'),
    };
    const { target, calls } = recorder('reader');
    const bus = busWith([meddler, target]);
    bus.putEvents([orderCreated()]);
    await bus.whenIdle();
    expect(calls[0]?.event.detail).toEqual({ orderId: 'o-1' });
  });

  it('dead-letters deliveries still waiting for a retry when it closes, and is then idle', async () => {
    const { target, calls } = recorder('down', Number.POSITIVE_INFINITY);
    const bus = busWith([target], { retry: { maxAttempts: 5, initialDelayMs: 10_000, maxDelayMs: 10_000 } });
    bus.putEvents([orderCreated()]);
    await expect.poll(() => calls.length, { timeout: 1000, interval: 5 }).toBe(1);
    await bus.close();
    await bus.whenIdle();
    expect(bus.deadLetters()).toEqual([expect.objectContaining({ attempts: 1, exhaustedRetryCondition: 'BusClosed' })]);
  });
});

describe('createEventBus configuration', () => {
  const base = { region: 'eu-west-1', accountId: '123456789012', busNames: ['commerce'], principals: () => undefined };
  const target: TargetDefinition = { id: 't', deliver: async () => undefined };

  it('refuses an invalid event pattern when the bus is created, as PutRule does', () => {
    expect(() =>
      createEventBus({
        ...base,
        rules: [{ name: 'r', eventBusName: 'commerce', eventPattern: { source: [{ contains: 'x' }] }, targets: [target] }],
      }),
    ).toThrow('Event pattern is not valid. Reason: Unrecognized match type contains');
  });

  it('refuses a rule on a bus that does not exist', () => {
    expect(() =>
      createEventBus({
        ...base,
        rules: [{ name: 'r', eventBusName: 'other', eventPattern: { source: ['x'] }, targets: [target] }],
      }),
    ).toThrow('Event bus other does not exist.');
  });

  it('refuses more than five targets on a rule', () => {
    const targets = Array.from({ length: 6 }, (_, i) => ({ ...target, id: `t${i}` }));
    expect(() =>
      createEventBus({ ...base, rules: [{ name: 'r', eventBusName: 'commerce', eventPattern: { source: ['x'] }, targets }] }),
    ).toThrow(/more than 5 targets/);
  });

  it('names rules of the default bus without a bus segment in their ARN', async () => {
    const { target: recording, calls } = recorder('t');
    const bus = createEventBus({
      ...base,
      rules: [
        {
          name: 'r',
          eventBusName: 'default',
          eventPattern: { source: ['x'] },
          targets: [{ ...recording, inputTransformer: { inputTemplate: '<aws.events.rule-arn>' } }],
        },
      ],
    });
    buses.push(bus);
    bus.putEvents([{ Source: 'x', DetailType: 'd', Detail: '{}' }]);
    await bus.whenIdle();
    expect(calls[0]?.input).toBe('arn:aws:events:eu-west-1:123456789012:rule/r');
  });
});
