// Delivery to targets after PutEvents has answered, as on AWS: every target of every matched rule
// on its own, retried with exponential backoff and jitter, and — once the attempts or the event's
// age run out — kept in the dead-letter list with what went wrong, from where `redrive` sends them
// to their target again. The list keeps the last MAX_DEAD_LETTERS (an SQS dead-letter queue keeps
// messages 4 days by default, up to 14; a bound by count suits a process that runs for hours).
import type { EventBridgeEvent } from './event.ts';
import type { TransformContext } from './inputTransformer.ts';
import type { CompiledTarget } from './rules.ts';

/** The bus's retry policy for targets without a `retryPolicy` of their own. */
export interface RetrySettings {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** A delivery is not retried past this age of its event (counted from ingestion, or from a redrive). */
  maxEventAgeSeconds: number;
}

/**
 * AWS's defaults for a target's RetryPolicy: 185 retries (186 attempts) and a maximum event age
 * of 24 hours, with exponential backoff AWS does not document further. Locally a failing target
 * should surface in seconds, so DEFAULT_RETRY keeps only the event age.
 */
export const AWS_DEFAULT_RETRY_POLICY = { maximumRetryAttempts: 185, maximumEventAgeInSeconds: 86_400 } as const;

/** The local defaults: 5 attempts in all, 200 ms doubling to 10 s with jitter, 24 hours of age. */
export const DEFAULT_RETRY: RetrySettings = {
  maxAttempts: 5,
  initialDelayMs: 200,
  maxDelayMs: 10_000,
  maxEventAgeSeconds: AWS_DEFAULT_RETRY_POLICY.maximumEventAgeInSeconds,
};

/** How many dead letters the queue keeps, newest last: older ones are dropped (and counted). */
export const MAX_DEAD_LETTERS = 1000;

export interface DeliveryJob {
  event: EventBridgeEvent;
  rule: { name: string; arn: string; eventBusName: string };
  target: CompiledTarget;
  ingestedAtMs: number;
}

/** Named as the EXHAUSTED_RETRY_CONDITION attribute AWS puts on dead-letter messages. */
export type ExhaustedRetryCondition = 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds' | 'BusClosed';

export interface DeadLetter {
  event: EventBridgeEvent;
  rule: DeliveryJob['rule'];
  target: { id: string };
  attempts: number;
  lastError: { name: string; message: string };
  exhaustedRetryCondition: ExhaustedRetryCondition;
  deadLetteredAt: string;
}

/** A delivery that succeeded: what CloudWatch's per-rule Invocations would count, event by event. */
export interface Delivered {
  eventId: string;
  detailType: string;
  rule: string;
  target: { id: string };
  attempts: number;
  deliveredAt: string;
}

/** How many successful deliveries the queue remembers, newest last. */
export const RECENT_DELIVERIES = 1000;

export interface Clock {
  now: () => number;
  random: () => number;
}

interface Delivery {
  job: DeliveryJob;
  attempts: number;
  timer?: NodeJS.Timeout;
}

export class DeliveryQueue {
  readonly #settings: RetrySettings;
  readonly #clock: Clock;
  readonly #waiting = new Set<Delivery>();
  /** Each dead letter with the job that made it, so a redrive can send it to its target again. */
  readonly #deadLetters: { deadLetter: DeadLetter; job: DeliveryJob }[] = [];
  #droppedDeadLetters = 0;
  readonly #delivered: Delivered[] = [];
  #pending = 0;
  #idleWaiters: (() => void)[] = [];
  #closed = false;

  readonly #onDeadLetter: ((deadLetter: DeadLetter) => void) | undefined;

  constructor(settings: RetrySettings, clock: Clock, onDeadLetter?: (deadLetter: DeadLetter) => void) {
    this.#settings = settings;
    this.#clock = clock;
    this.#onDeadLetter = onDeadLetter;
  }

  enqueue(job: DeliveryJob): void {
    if (this.#closed) {
      this.#deadLetter({ job, attempts: 0 }, 'BusClosed', closedError());
      return;
    }
    this.#pending++;
    // A timer, not a direct call: the PutEvents answer goes out before any target is called.
    this.#schedule({ job, attempts: 0 }, 0);
  }

  /**
   * Takes back dead letters kept from an earlier run (a host that keeps its state), each with the
   * job that redrives it, after those already listed; without calling onDeadLetter again.
   */
  restore(entries: readonly { deadLetter: DeadLetter; job: DeliveryJob }[]): void {
    this.#deadLetters.push(...entries);
    while (this.#deadLetters.length > MAX_DEAD_LETTERS) {
      this.#deadLetters.shift();
      this.#droppedDeadLetters++;
    }
  }

  /** The last MAX_DEAD_LETTERS dead letters, oldest first. */
  deadLetters(): DeadLetter[] {
    return this.#deadLetters.map(({ deadLetter }) => deadLetter);
  }

  /** How many dead letters were dropped because the list was full. */
  droppedDeadLetters(): number {
    return this.#droppedDeadLetters;
  }

  /**
   * Takes the dead letters `select` picks out of the list and delivers each again to the target
   * that failed it (not to the bus: its rule's other targets already had it), with a fresh count
   * of attempts and a fresh event age, as a message moved off a dead-letter queue is a new
   * delivery. One that fails again is dead-lettered again. Returns how many were redriven.
   */
  redrive(select: (deadLetter: DeadLetter) => boolean = () => true): number {
    const chosen = this.#deadLetters.filter(({ deadLetter }) => select(deadLetter));
    if (chosen.length === 0) return 0;
    const kept = this.#deadLetters.filter((entry) => !chosen.includes(entry));
    this.#deadLetters.splice(0, this.#deadLetters.length, ...kept);
    const now = this.#clock.now();
    for (const { job } of chosen) this.enqueue({ ...job, ingestedAtMs: now });
    return chosen.length;
  }

  /** The last RECENT_DELIVERIES successful deliveries, oldest first. */
  delivered(): Delivered[] {
    return [...this.#delivered];
  }

  /** Resolves once no delivery is running or waiting for a retry. */
  whenIdle(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Stops retrying: deliveries still waiting are dead-lettered, attempts under way finish. */
  close(): void {
    this.#closed = true;
    for (const delivery of this.#waiting) {
      clearTimeout(delivery.timer);
      this.#waiting.delete(delivery);
      this.#deadLetter(delivery, 'BusClosed', closedError());
      this.#settle();
    }
  }

  #schedule(delivery: Delivery, delayMs: number): void {
    delivery.timer = setTimeout(() => {
      this.#waiting.delete(delivery);
      void this.#attempt(delivery);
    }, delayMs);
    this.#waiting.add(delivery);
  }

  async #attempt(delivery: Delivery): Promise<void> {
    delivery.attempts++;
    const { job } = delivery;
    try {
      const context: TransformContext = {
        ruleArn: job.rule.arn,
        ruleName: job.rule.name,
        ingestionTime: new Date(job.ingestedAtMs).toISOString(),
      };
      // Each target gets its own copies: one target changing what it received cannot touch another.
      const event = structuredClone(job.event);
      await job.target.deliver(job.target.input(structuredClone(event), context), event);
    } catch (error) {
      this.#failed(delivery, error);
      return;
    }
    this.#delivered.push({
      eventId: job.event.id,
      detailType: job.event['detail-type'],
      rule: job.rule.name,
      target: { id: job.target.id },
      attempts: delivery.attempts,
      deliveredAt: new Date(this.#clock.now()).toISOString(),
    });
    if (this.#delivered.length > RECENT_DELIVERIES) this.#delivered.shift();
    this.#settle();
  }

  #failed(delivery: Delivery, error: unknown): void {
    const delayMs = this.#backoff(delivery.attempts);
    const condition = this.#exhaustedCondition(delivery, delayMs);
    if (condition === undefined) {
      this.#schedule(delivery, delayMs);
      return;
    }
    this.#deadLetter(delivery, condition, error);
    this.#settle();
  }

  /** Why a failed delivery must not be retried after `delayMs`, if it must not. */
  #exhaustedCondition({ job, attempts }: Delivery, delayMs: number): ExhaustedRetryCondition | undefined {
    const policy = job.target.retryPolicy;
    const maxAttempts = policy?.maximumRetryAttempts !== undefined ? policy.maximumRetryAttempts + 1 : this.#settings.maxAttempts;
    const maxAgeMs = (policy?.maximumEventAgeInSeconds ?? this.#settings.maxEventAgeSeconds) * 1000;
    if (this.#closed) return 'BusClosed';
    if (attempts >= maxAttempts) return 'MaximumRetryAttempts';
    if (this.#clock.now() + delayMs - job.ingestedAtMs > maxAgeMs) return 'MaximumEventAgeInSeconds';
    return undefined;
  }

  /** Exponential, capped, with "equal jitter": between half and all of the exponential delay. */
  #backoff(attempts: number): number {
    const { initialDelayMs, maxDelayMs } = this.#settings;
    const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempts - 1));
    return ceiling / 2 + this.#clock.random() * (ceiling / 2);
  }

  #deadLetter(delivery: Delivery, condition: ExhaustedRetryCondition, error: unknown): void {
    const { job, attempts } = delivery;
    const deadLetter: DeadLetter = {
      event: job.event,
      rule: job.rule,
      target: { id: job.target.id },
      attempts,
      lastError: describeError(error),
      exhaustedRetryCondition: condition,
      deadLetteredAt: new Date(this.#clock.now()).toISOString(),
    };
    this.#deadLetters.push({ deadLetter, job });
    if (this.#deadLetters.length > MAX_DEAD_LETTERS) {
      this.#deadLetters.shift();
      this.#droppedDeadLetters++;
    }
    try {
      this.#onDeadLetter?.(deadLetter);
    } catch (hookError) {
      console.error(`eventbridge: onDeadLetter failed: ${describeError(hookError).message}`);
    }
  }

  #settle(): void {
    this.#pending--;
    if (this.#pending > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

function closedError(): Error {
  const error = new Error('The event bus was closed before this event was delivered.');
  error.name = 'BusClosed';
  return error;
}
