// Scheduled rules: a rule with a ScheduleExpression puts AWS's "Scheduled Event" to its own
// targets every period (the first one period after the bus starts), through the same delivery,
// retries, input transformers and dead letters as any event.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventBus, type EventBusOptions, type LocalEventBus } from '../../../src/eventbridge/bus.ts';
import type { EventBridgeEvent } from '../../../src/eventbridge/event.ts';
import type { RuleDefinition, TargetDefinition } from '../../../src/eventbridge/rules.ts';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const START = Date.parse('2024-05-01T10:07:30Z');
/** A tick only queues its event; the delivery starts on the next timer, a millisecond later. */
const DELIVERY_MS = 1;

const buses: LocalEventBus[] = [];
afterEach(async () => {
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
  vi.useRealTimers();
});

function busWith(rules: RuleDefinition[], options: Partial<EventBusOptions> = {}): LocalEventBus {
  const bus = createEventBus({
    region: REGION,
    accountId: ACCOUNT,
    busNames: ['commerce'],
    principals: () => undefined,
    retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 100 },
    random: () => 0,
    rules,
    ...options,
  });
  buses.push(bus);
  return bus;
}

/** A target that records what it receives and fails its first `failures` calls. */
function recorder(id: string, failures = 0) {
  const calls: { input: unknown; event: EventBridgeEvent }[] = [];
  const target: TargetDefinition = {
    id,
    deliver: async (input, event) => {
      calls.push({ input, event });
      if (calls.length <= failures) throw new Error(`${id} is down (call ${calls.length})`);
    },
  };
  return { target, calls };
}

function scheduled(name: string, scheduleExpression: string, targets: TargetDefinition[]): RuleDefinition {
  return { name, eventBusName: 'default', scheduleExpression, targets };
}

describe('scheduled rules', () => {
  it('puts the Scheduled Event one period after the bus starts, then every period', async () => {
    vi.useFakeTimers({ now: START });
    const { target, calls } = recorder('t');
    busWith([scheduled('every-five', 'rate(5 minutes)', [target])]);
    await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1 + DELIVERY_MS);
    expect(calls.map((call) => call.event)).toEqual([
      {
        version: '0',
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: ACCOUNT,
        time: '2024-05-01T10:12:30Z',
        region: REGION,
        resources: [`arn:aws:events:${REGION}:${ACCOUNT}:rule/every-five`],
        detail: {},
      },
    ]);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(calls.map((call) => call.event.time)).toEqual([
      '2024-05-01T10:12:30Z',
      '2024-05-01T10:17:30Z',
      '2024-05-01T10:22:30Z',
    ]);
    expect(new Set(calls.map((call) => call.event.id)).size).toBe(3);
  });

  it('runs a rate rule at the local interval scheduleIntervalMs gives for it', async () => {
    vi.useFakeTimers({ now: START });
    const asked: [string, number][] = [];
    const { target, calls } = recorder('t');
    busWith([scheduled('every-minute', 'rate(1 minute)', [target])], {
      scheduleIntervalMs: (ruleName, periodMs) => {
        asked.push([ruleName, periodMs]);
        return periodMs / 60;
      },
    });
    expect(asked).toEqual([['every-minute', 60_000]]);
    await vi.advanceTimersByTimeAsync(3_000 + DELIVERY_MS);
    expect(calls).toHaveLength(3);
  });

  it('fires a cron rule at the UTC minutes it names', async () => {
    vi.useFakeTimers({ now: START });
    const { target, calls } = recorder('t');
    busWith([scheduled('quarter-hours', 'cron(0/15 * * * ? *)', [target])]);
    await vi.advanceTimersByTimeAsync(Date.parse('2024-05-01T10:15:00Z') - START - 1);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1 + 30 * 60_000 + DELIVERY_MS);
    expect(calls.map((call) => call.event.time)).toEqual([
      '2024-05-01T10:15:00Z',
      '2024-05-01T10:30:00Z',
      '2024-05-01T10:45:00Z',
    ]);
  });

  it('retries a failing target of a scheduled rule and dead-letters one that keeps failing', async () => {
    vi.useFakeTimers({ now: START });
    const flaky = recorder('flaky', 1);
    const down = recorder('down', Number.POSITIVE_INFINITY);
    const bus = busWith([
      scheduled('hourly', 'rate(1 hour)', [flaky.target, { ...down.target, retryPolicy: { maximumRetryAttempts: 1 } }]),
    ]);
    await vi.advanceTimersByTimeAsync(3_600_000 + DELIVERY_MS);
    expect(flaky.calls).toHaveLength(1);
    // Equal jitter with random() = 0: half the initial 100 ms.
    await vi.advanceTimersByTimeAsync(50);
    expect(flaky.calls).toHaveLength(2);
    expect(flaky.calls[0]?.event.id).toBe(flaky.calls[1]?.event.id);
    await bus.whenIdle();
    expect(bus.delivered()).toEqual([expect.objectContaining({ detailType: 'Scheduled Event', rule: 'hourly', attempts: 2 })]);
    expect(bus.deadLetters()).toEqual([
      expect.objectContaining({
        event: expect.objectContaining({ 'detail-type': 'Scheduled Event', source: 'aws.events' }),
        rule: { name: 'hourly', arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/hourly`, eventBusName: 'default' },
        target: { id: 'down' },
        attempts: 2,
        exhaustedRetryCondition: 'MaximumRetryAttempts',
      }),
    ]);
  });

  it('gives a target the input of its transformer, as for any event', async () => {
    const { target, calls } = recorder('t');
    const bus = busWith([
      scheduled('nightly', 'cron(0 3 * * ? *)', [
        {
          ...target,
          inputTransformer: {
            inputPathsMap: { at: '$.time', kind: '$.detail-type' },
            inputTemplate: '{"job": "sweep", "at": <at>, "kind": <kind>, "rule": <aws.events.rule-name>}',
          },
        },
      ]),
    ]);
    const event = bus.runSchedule('nightly');
    await bus.whenIdle();
    expect(calls[0]?.input).toEqual({ job: 'sweep', at: event.time, kind: 'Scheduled Event', rule: 'nightly' });
  });

  it('runSchedule queues the event now; whenIdle waits for its delivery, not for the next tick', async () => {
    const { target, calls } = recorder('t');
    const bus = busWith([scheduled('daily', 'rate(1 day)', [target])]);
    const event = bus.runSchedule('daily');
    expect(event).toMatchObject({
      'detail-type': 'Scheduled Event',
      resources: [`arn:aws:events:${REGION}:${ACCOUNT}:rule/daily`],
    });
    expect(calls).toHaveLength(0);
    await bus.whenIdle();
    expect(calls.map((call) => call.event)).toEqual([event]);
  });

  it('sends the scheduled event to its own rule only, not to the bus', async () => {
    const own = recorder('own');
    const watcher = recorder('watcher');
    const bus = busWith([
      scheduled('daily', 'rate(1 day)', [own.target]),
      { name: 'aws-events', eventBusName: 'default', eventPattern: { source: ['aws.events'] }, targets: [watcher.target] },
    ]);
    bus.runSchedule('daily');
    await bus.whenIdle();
    expect(own.calls).toHaveLength(1);
    expect(watcher.calls).toHaveLength(0);
    expect(bus.recentEvents()).toEqual([]);
  });

  it('runs a rule with both an event pattern and a schedule on each', async () => {
    const { target, calls } = recorder('t');
    const bus = busWith([{ ...scheduled('both', 'rate(1 day)', [target]), eventPattern: { source: ['ecommerce.orders'] } }]);
    bus.putEvents([{ Source: 'ecommerce.orders', DetailType: 'OrderCreated', Detail: '{}' }]);
    bus.runSchedule('both');
    await bus.whenIdle();
    expect(calls.map((call) => call.event['detail-type']).sort()).toEqual(['OrderCreated', 'Scheduled Event']);
  });

  it('stops its schedules when it closes', async () => {
    vi.useFakeTimers({ now: START });
    const { target, calls } = recorder('t');
    const bus = busWith([
      scheduled('every-minute', 'rate(1 minute)', [target]),
      scheduled('cron', 'cron(* * * * ? *)', [target]),
    ]);
    await bus.close();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(calls).toHaveLength(0);
  });

  it('does not keep the process alive for its schedules', () => {
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const before = timers();
    busWith([scheduled('every-minute', 'rate(1 minute)', []), scheduled('cron', 'cron(0 3 * * ? *)', [])]);
    expect(timers()).toBe(before);
  });

  it('refuses runSchedule for a rule it does not have or one without a schedule', () => {
    const bus = busWith([{ name: 'orders', eventBusName: 'default', eventPattern: { source: ['x'] }, targets: [] }]);
    expect(() => bus.runSchedule('missing')).toThrow(
      expect.objectContaining({ code: 'ResourceNotFoundException', message: 'Rule missing does not exist on EventBus default.' }),
    );
    expect(() => bus.runSchedule('orders')).toThrow(expect.objectContaining({ code: 'ValidationException' }));
  });
});

describe('scheduled rules: configuration', () => {
  it('refuses a ScheduleExpression on a bus other than default, as PutRule does', () => {
    expect(() => busWith([{ ...scheduled('r', 'rate(1 hour)', []), eventBusName: 'commerce' }])).toThrow(
      'Rule r: ScheduleExpression is supported only on the default event bus.',
    );
  });

  it('refuses a rule with neither an event pattern nor a schedule', () => {
    expect(() => busWith([{ name: 'r', eventBusName: 'default', targets: [] }])).toThrow(
      'Rule r: Parameter(s) EventPattern or ScheduleExpression must be specified.',
    );
  });

  it('refuses an expression PutRule would refuse, before any timer starts', () => {
    vi.useFakeTimers();
    expect(() => busWith([scheduled('ok', 'rate(1 hour)', []), scheduled('r', 'rate(1 hours)', [])])).toThrow(
      expect.objectContaining({
        code: 'ValidationException',
        message: expect.stringMatching(/^Rule r: Parameter ScheduleExpression is not valid\./),
      }),
    );
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses a local interval that is not a positive number of milliseconds', () => {
    expect(() => busWith([scheduled('r', 'rate(1 hour)', [])], { scheduleIntervalMs: () => 0 })).toThrow(
      'scheduleIntervalMs gave 0 for rule r: an interval must be a positive number of ms.',
    );
  });
});
