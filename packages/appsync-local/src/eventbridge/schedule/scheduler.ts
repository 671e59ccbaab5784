// The clock of scheduled rules: a rate rule fires one period after the bus starts and every
// period after that (as on AWS, where "a rate expression starts when you create the rule"); a
// cron rule fires at the UTC minutes it names. Firing only builds the event and queues it; the
// bus delivers it as any other. Timers never keep the process alive and stop on close.
import { validationError } from '../errors.ts';
import { formatEventTime, type EventBridgeEvent } from '../event.ts';
import { nextCronTime, type CronSchedule } from './cron.ts';
import type { Schedule } from './expression.ts';

export interface ScheduledRule {
  name: string;
  arn: string;
  schedule: Schedule;
}

export interface ScheduleOptions<R extends ScheduledRule> {
  /** The local period of a rate rule, from AWS's; for example `() => 1000` to run every rule each second. */
  intervalMs?: (ruleName: string, periodMs: number) => number;
  /** The wall clock cron rules follow. */
  now: () => Date;
  fire: (rule: R) => void;
}

export interface RunningSchedules {
  close(): void;
}

/** Node's timers wait at most 2^31-1 ms (under 25 days); a longer wait is several timers in a row. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The event EventBridge sends to a scheduled rule's targets. */
export function scheduledEvent(
  ruleArn: string,
  context: { id: string; region: string; accountId: string; time: Date },
): EventBridgeEvent {
  return {
    version: '0',
    id: context.id,
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: context.accountId,
    time: formatEventTime(context.time),
    region: context.region,
    resources: [ruleArn],
    detail: {},
  };
}

export function startSchedules<R extends ScheduledRule>(rules: readonly R[], options: ScheduleOptions<R>): RunningSchedules {
  // Every interval is checked before any timer starts, so that a refused option leaves none running.
  const intervals = new Map(rules.map((rule) => [rule.name, localInterval(rule, options)]));
  const timers = new Map<string, NodeJS.Timeout>();
  let closed = false;

  function wait(rule: R, ms: number, then: () => void): void {
    if (closed) return;
    const chunk = Math.min(ms, MAX_TIMER_MS);
    const timer = setTimeout(() => (ms > chunk ? wait(rule, ms - chunk, then) : then()), chunk);
    timer.unref();
    timers.set(rule.name, timer);
  }

  function armRate(rule: R, intervalMs: number): void {
    wait(rule, intervalMs, () => {
      options.fire(rule);
      armRate(rule, intervalMs);
    });
  }

  function armCron(rule: R, cron: CronSchedule, afterMs: number): void {
    const at = nextCronTime(cron, afterMs);
    if (at === undefined) return; // past the schedule's last year: it never fires again
    wait(rule, Math.max(0, at - options.now().getTime()), () => {
      options.fire(rule);
      // From `at` at the earliest: a timer that fires a little early must not fire the same minute twice.
      armCron(rule, cron, Math.max(at, options.now().getTime()));
    });
  }

  for (const rule of rules) {
    if (rule.schedule.kind === 'rate') armRate(rule, intervals.get(rule.name) ?? rule.schedule.periodMs);
    else armCron(rule, rule.schedule.cron, options.now().getTime());
  }
  return {
    close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

function localInterval<R extends ScheduledRule>(rule: R, options: ScheduleOptions<R>): number | undefined {
  if (rule.schedule.kind !== 'rate' || !options.intervalMs) return undefined;
  const intervalMs = options.intervalMs(rule.name, rule.schedule.periodMs);
  if (!(Number.isFinite(intervalMs) && intervalMs > 0)) {
    throw validationError(
      `scheduleIntervalMs gave ${intervalMs} for rule ${rule.name}: an interval must be a positive number of ms.`,
    );
  }
  return intervalMs;
}
