// The local EventBridge: event buses with their rules and targets, PutEvents in process or over
// HTTP, scheduled rules, asynchronous at-least-once delivery with retries, and a dead-letter list.
import { randomUUID } from 'node:crypto';
import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { listen as listenHttp, type RunningServer } from '../appsync/server.ts';
import type { IamPrincipal } from '../iam/sigv4.ts';
import { DEFAULT_RETRY, DeliveryQueue, type DeadLetter, type Delivered, type RetrySettings } from './delivery.ts';
import { createEndpointHandler } from './endpoint.ts';
import { ERROR_CODES, EventBridgeError, validationError } from './errors.ts';
import { matchesPattern } from './patterns/match.ts';
import { DEFAULT_MAX_ENTRIES_BYTES, putEventsEntries, type PutEventsResult } from './putEvents.ts';
import { compileRules, type CompiledRule, type RuleDefinition } from './rules.ts';
import type { EventBridgeEvent } from './event.ts';
import type { Schedule } from './schedule/expression.ts';
import { scheduledEvent, startSchedules } from './schedule/scheduler.ts';

/** How many accepted events the bus keeps for GET /events. */
export const RECENT_EVENTS = 1000;

export interface EventBusOptions {
  region: string;
  accountId: string;
  /** The buses besides `default`, which every account has. */
  busNames: readonly string[];
  rules: readonly RuleDefinition[];
  /** Who may call the HTTP endpoint: the SigV4 key lookup. */
  principals: (accessKeyId: string) => IamPrincipal | undefined;
  /**
   * IAM's decision for a signed caller's entry: events:PutEvents on the bus's ARN, with the
   * request's `events:source` and `events:detail-type`. A refused entry fails alone
   * (`AccessDeniedException`), the others are put. Default: every signed caller may put anything.
   */
  isAllowed?: (principal: IamPrincipal, action: string, resource: string, context: Readonly<Record<string, string>>) => boolean;
  /**
   * The retry policy of targets that have no `retryPolicy` of their own. Local defaults
   * (DEFAULT_RETRY): 5 attempts, 200 ms doubling to 10 s, 24 h of event age; AWS's
   * (AWS_DEFAULT_RETRY_POLICY): 185 retries, 24 h.
   */
  retry?: Partial<RetrySettings>;
  /** The PutEvents request size limit; AWS's is 1 MB (256 KB before 2026-01-29). */
  maxEntriesBytes?: number;
  /**
   * How often a `rate(...)` rule runs here, given its name and AWS's period in ms: `() => 1000` runs
   * a `rate(1 minute)` rule every second. Default: AWS's period. Cron rules keep the clock's minutes.
   */
  scheduleIntervalMs?: (ruleName: string, periodMs: number) => number;
  /**
   * Called with every event accepted on an existing bus, as it is accepted (before its rules'
   * targets run): for a whole run's check of what went over the bus, which GET /events (the last
   * RECENT_EVENTS only) cannot give. What it throws is logged, never refused to the sender.
   */
  onAccepted?: (event: EventBridgeEvent, busName: string) => void;
  /**
   * Called with every delivery the bus gives up on, as it is dead-lettered: where a deployment's
   * dead-letter queue would raise its alarm. What it throws is logged.
   */
  onDeadLetter?: (deadLetter: DeadLetter) => void;
  /** The clock and randomness of event times, cron rules, retries and event age (not of SigV4 checks); tests replace them. */
  now?: () => Date;
  random?: () => number;
}

export interface LocalEventBus {
  /** Puts events as an AWS service does (no IAM check), or as `caller` when given (its policy checked per entry). */
  putEvents(entries: readonly PutEventsRequestEntry[], caller?: IamPrincipal): PutEventsResult;
  /** The last MAX_DEAD_LETTERS deliveries given up on, oldest first. */
  deadLetters(): DeadLetter[];
  /**
   * Delivers the dead letters `select` picks (all by default) again to the targets that failed
   * them, and takes them off the list; returns how many. Also `POST /dead-letters/redrive`.
   */
  redriveDeadLetters(select?: (deadLetter: DeadLetter) => boolean): number;
  /**
   * Lists dead letters kept from an earlier run again (as `deadLetters()` gave them), redrivable to
   * their target; those whose rule or target no longer exists are skipped. Returns how many were taken.
   */
  restoreDeadLetters(deadLetters: readonly DeadLetter[]): number;
  /** The last successful deliveries to targets (at most RECENT_DELIVERIES), oldest first. */
  delivered(): Delivered[];
  /** The last events accepted on an existing bus (at most RECENT_EVENTS), oldest first. */
  recentEvents(): EventBridgeEvent[];
  /**
   * Serves PutEvents (and GET /dead-letters, /deliveries, /events, POST /dead-letters/redrive) on
   * host:port, 127.0.0.1 by default; port 0 picks a free one.
   */
  listen(port?: number, host?: string): Promise<RunningServer>;
  /**
   * Runs a scheduled rule of the default bus now, as its schedule would: returns the event once it
   * is queued for the rule's targets (whenIdle() then waits for its delivery).
   */
  runSchedule(ruleName: string): EventBridgeEvent;
  /** No delivery is running or waiting for a retry; future ticks of scheduled rules are not waited for. */
  whenIdle(): Promise<void>;
  /** Stops the schedules and the servers; deliveries waiting for a retry are dead-lettered. */
  close(): Promise<void>;
}

export function createEventBus(options: EventBusOptions): LocalEventBus {
  const now = options.now ?? (() => new Date());
  const busNames = new Set(['default', ...options.busNames]);
  const rules = compileRules(options.rules, { region: options.region, accountId: options.accountId, busNames });
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  assertRetry(retry);
  const maxEntriesBytes = options.maxEntriesBytes ?? DEFAULT_MAX_ENTRIES_BYTES;
  const queue = new DeliveryQueue(
    retry,
    { now: () => now().getTime(), random: options.random ?? Math.random },
    options.onDeadLetter,
  );
  const servers: RunningServer[] = [];
  const warnedBuses = new Set<string>();
  // Like an EventBridge archive, bounded: what went over the bus, newest last, for people and tests.
  const recent: EventBridgeEvent[] = [];

  function putEvents(entries: readonly PutEventsRequestEntry[] | undefined, caller?: IamPrincipal): PutEventsResult {
    const { result, accepted } = putEventsEntries(entries, {
      region: options.region,
      accountId: options.accountId,
      maxEntriesBytes,
      now,
      ...(caller && options.isAllowed ? { authorize: putEventsAuthorizer(caller, options.isAllowed) } : {}),
    });
    const ingestedAtMs = now().getTime();
    for (const { busName, event } of accepted) {
      if (!busNames.has(busName)) {
        warnUnroutable(busName);
        continue;
      }
      recent.push(event);
      if (recent.length > RECENT_EVENTS) recent.shift();
      notifyAccepted(event, busName);
      for (const rule of rules) {
        if (rule.eventBusName !== busName || !rule.pattern || !matchesPattern(rule.pattern, event)) continue;
        enqueueForTargets(rule, event, ingestedAtMs);
      }
    }
    return result;
  }

  function notifyAccepted(event: EventBridgeEvent, busName: string): void {
    try {
      options.onAccepted?.(event, busName);
    } catch (error) {
      console.error(`local EventBridge: onAccepted failed for event ${event.id}:`, error);
    }
  }

  function restoreDeadLetters(deadLetters: readonly DeadLetter[]): number {
    const entries = deadLetters.flatMap((deadLetter) => {
      const rule = rules.find(
        (candidate) => candidate.name === deadLetter.rule.name && candidate.eventBusName === deadLetter.rule.eventBusName,
      );
      const target = rule?.targets.find((candidate) => candidate.id === deadLetter.target.id);
      if (!rule || !target) return [];
      const ruleInfo = { name: rule.name, arn: rule.arn, eventBusName: rule.eventBusName };
      const ingestedAtMs = Date.parse(deadLetter.event.time);
      return [{ deadLetter, job: { event: deadLetter.event, rule: ruleInfo, target, ingestedAtMs } }];
    });
    queue.restore(entries);
    return entries.length;
  }

  function enqueueForTargets(rule: CompiledRule, event: EventBridgeEvent, ingestedAtMs: number): void {
    const ruleInfo = { name: rule.name, arn: rule.arn, eventBusName: rule.eventBusName };
    for (const target of rule.targets) queue.enqueue({ event, rule: ruleInfo, target, ingestedAtMs });
  }

  // A scheduled event goes to its own rule's targets only: it is not put on the bus for other rules.
  function fireSchedule(rule: CompiledRule): EventBridgeEvent {
    const time = now();
    const event = scheduledEvent(rule.arn, { id: randomUUID(), region: options.region, accountId: options.accountId, time });
    enqueueForTargets(rule, event, time.getTime());
    return event;
  }

  const schedules = startSchedules(rules.filter(isScheduled), {
    now,
    fire: fireSchedule,
    ...(options.scheduleIntervalMs ? { intervalMs: options.scheduleIntervalMs } : {}),
  });

  // AWS accepts events for a bus that does not exist and drops them; here that at least shows.
  function warnUnroutable(busName: string): void {
    if (warnedBuses.has(busName)) return;
    warnedBuses.add(busName);
    console.warn(`local EventBridge: event bus ${busName} does not exist; its events are accepted and dropped, as on AWS.`);
  }

  const handler = createEndpointHandler({
    region: options.region,
    principals: options.principals,
    putEvents,
    deadLetters: () => queue.deadLetters(),
    redriveDeadLetters: (select) => queue.redrive(select),
    delivered: () => queue.delivered(),
    recentEvents: () => [...recent],
    // JSON escaping can make the body several times the size of its entries.
    maxBodyBytes: maxEntriesBytes * 8,
  });

  return {
    putEvents,
    deadLetters: () => queue.deadLetters(),
    redriveDeadLetters: (select) => queue.redrive(select),
    restoreDeadLetters,
    delivered: () => queue.delivered(),
    recentEvents: () => [...recent],
    async listen(port = 0, host = '127.0.0.1') {
      const server = await listenHttp(handler, port, host);
      servers.push(server);
      return server;
    },
    runSchedule(ruleName) {
      const rule = rules.find((candidate) => candidate.eventBusName === 'default' && candidate.name === ruleName);
      if (!rule) {
        throw new EventBridgeError(ERROR_CODES.resourceNotFound, `Rule ${ruleName} does not exist on EventBus default.`);
      }
      if (!isScheduled(rule)) {
        throw validationError(`Rule ${ruleName} has no ScheduleExpression: it runs only on matching events.`);
      }
      return fireSchedule(rule);
    },
    whenIdle: () => queue.whenIdle(),
    async close() {
      schedules.close();
      queue.close();
      await Promise.all(servers.splice(0).map((server) => server.close()));
    },
  };
}

/**
 * IAM's check of one entry, as EventBridge makes it per entry: the entry's source and detail type
 * are the condition keys, and a refusal fails that entry with IAM's wording.
 */
function putEventsAuthorizer(
  caller: IamPrincipal,
  isAllowed: NonNullable<EventBusOptions['isAllowed']>,
): (entry: PutEventsRequestEntry, busArn: string) => PutEventsResultEntry | undefined {
  return (entry, busArn) => {
    const context = { 'events:source': entry.Source ?? '', 'events:detail-type': entry.DetailType ?? '' };
    if (isAllowed(caller, PUT_EVENTS_ACTION, busArn, context)) return undefined;
    return {
      ErrorCode: ERROR_CODES.accessDenied,
      ErrorMessage: `User: ${caller.userArn} is not authorized to perform: ${PUT_EVENTS_ACTION} on resource: ${busArn} because no identity-based policy allows the ${PUT_EVENTS_ACTION} action`,
    };
  };
}

const PUT_EVENTS_ACTION = 'events:PutEvents';

function isScheduled(rule: CompiledRule): rule is CompiledRule & { schedule: Schedule } {
  return rule.schedule !== undefined;
}

function assertRetry(retry: RetrySettings): void {
  if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1) {
    throw validationError('retry.maxAttempts must be an integer of at least 1.');
  }
  if (!(retry.initialDelayMs >= 0) || !(retry.maxDelayMs >= retry.initialDelayMs)) {
    throw validationError('retry delays must satisfy 0 <= initialDelayMs <= maxDelayMs.');
  }
  if (!(retry.maxEventAgeSeconds > 0)) throw validationError('retry.maxEventAgeSeconds must be more than 0.');
}
