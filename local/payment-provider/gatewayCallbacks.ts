// The gateway simulator's callbacks: after a payment, POST `{ data, mac, type: 1 }` (JSON) to the
// order's callback_url in the background, as Zalo Pay does, and call back again when the merchant
// does not answer return_code 1 (success) or 2 (already processed). Fault switches make the
// callback misbehave the ways a real one can: lost, repeated, concurrent, late, or badly signed.
import { setTimeout as sleep } from 'node:timers/promises';
import { callbackMac, CALLBACK_RETURN_CODE } from '../../backend-services/payment/gateway/zaloPayProtocol.ts';

/**
 * How the callback of a payment misbehaves:
 * - `drop`: no callback at all (the merchant learns of the payment through /v2/query only);
 * - `twice`: the same callback delivered twice, one after the other;
 * - `times`: the same callback delivered `count` times at once;
 * - `late`: delivered `lateMs` after the payment;
 * - `bad-mac`: delivered once with a wrong mac, and not again whatever the answer.
 */
export type CallbackFault =
  | { readonly kind: 'drop' }
  | { readonly kind: 'twice' }
  | { readonly kind: 'times'; readonly count: number }
  | { readonly kind: 'late'; readonly lateMs: number }
  | { readonly kind: 'bad-mac' };

/** `late` without `lateMs` waits this long. */
export const DEFAULT_LATE_MS = 3_000;
const MAX_TIMES = 20;

/** One POST of a callback, as the simulator saw it go. */
export interface CallbackAttempt {
  readonly at: number;
  readonly macValid: boolean;
  /** The HTTP status of the merchant's answer, if it answered. */
  readonly status?: number;
  /** The `return_code` of its answer, if it had one. */
  readonly returnCode?: number;
  /** Why there was no answer (refused connection, timeout…). */
  readonly error?: string;
}

export interface CallbackTarget {
  readonly url: string;
  /** The `data` string, signed as it is. */
  readonly data: string;
  /** Where each attempt is recorded. */
  readonly attempts: CallbackAttempt[];
}

export interface CallbackSenderOptions {
  readonly key2: string;
  /** Calls back again at most this many times after a failed attempt. */
  readonly retries: number;
  readonly retryDelayMs: number;
  readonly timeoutMs: number;
  readonly now: () => number;
}

/**
 * Reads the switch `callback` (`drop`, `twice`, `late`, `bad-mac`, `times:N`) and `lateMs`, as a
 * query parameter, form field or JSON field gives them. Absent: no fault. Throws RangeError when
 * they make no sense.
 */
export function parseCallbackFault(callback: unknown, lateMs: unknown): CallbackFault | undefined {
  if (callback === undefined || callback === null || callback === '') return undefined;
  if (typeof callback !== 'string') throw new RangeError('callback must be drop, twice, late, bad-mac or times:N');
  if (callback === 'drop' || callback === 'twice' || callback === 'bad-mac') return { kind: callback };
  if (callback === 'late') return { kind: 'late', lateMs: parseLateMs(lateMs) };
  const times = /^times:(\d+)$/.exec(callback);
  if (times) {
    const count = Number(times[1]);
    if (count < 1 || count > MAX_TIMES) throw new RangeError(`times:N takes N from 1 to ${MAX_TIMES}`);
    return { kind: 'times', count };
  }
  throw new RangeError(`Unknown callback fault ${callback}: use drop, twice, late, bad-mac or times:N`);
}

/** The fault as the switch reads (`times:3`, `late` with its lateMs). */
export function describeCallbackFault(fault: CallbackFault | undefined): Record<string, unknown> {
  if (!fault) return {};
  if (fault.kind === 'times') return { callback: `times:${fault.count}` };
  if (fault.kind === 'late') return { callback: 'late', lateMs: fault.lateMs };
  return { callback: fault.kind };
}

function parseLateMs(lateMs: unknown): number {
  if (lateMs === undefined || lateMs === null || lateMs === '') return DEFAULT_LATE_MS;
  const value = typeof lateMs === 'string' ? Number(lateMs) : lateMs;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError('lateMs must be a whole number of milliseconds');
  }
  return value;
}

export class CallbackSender {
  private readonly stopped = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly options: CallbackSenderOptions;

  constructor(options: CallbackSenderOptions) {
    this.options = options;
  }

  /** Starts delivering in the background; the caller does not wait. */
  send(target: CallbackTarget, fault: CallbackFault | undefined): void {
    const delivery = this.run(target, fault).catch((error: unknown) => {
      // Stopping the simulator cuts deliveries short; anything else is a simulator bug worth seeing.
      if (!this.stopped.signal.aborted) console.error('gateway simulator: a callback delivery failed', error);
    });
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  /** Resolves when no delivery is under way (retries and late ones included). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Cancels waiting and in-flight deliveries (the simulator is stopping). */
  close(): void {
    this.stopped.abort();
  }

  private async run(target: CallbackTarget, fault: CallbackFault | undefined): Promise<void> {
    switch (fault?.kind) {
      case 'drop':
        return;
      case 'bad-mac':
        await this.attempt(target, callbackMac(target.data, `not-${this.options.key2}`), false);
        return;
      case 'late':
        await sleep(fault.lateMs, undefined, { signal: this.stopped.signal });
        return this.deliver(target);
      case 'twice':
        await this.deliver(target);
        return this.deliver(target);
      case 'times':
        await Promise.all(Array.from({ length: fault.count }, () => this.deliver(target)));
        return;
      default:
        return this.deliver(target);
    }
  }

  /** One delivery: an attempt, and up to `retries` more while the merchant does not take it. */
  private async deliver(target: CallbackTarget): Promise<void> {
    const mac = callbackMac(target.data, this.options.key2);
    for (let attempt = 0; attempt <= this.options.retries; attempt += 1) {
      if (attempt > 0) await sleep(this.options.retryDelayMs, undefined, { signal: this.stopped.signal });
      if (await this.attempt(target, mac, true)) return;
    }
  }

  /** Whether the merchant took the callback: HTTP 2xx with return_code 1 or 2. */
  private async attempt(target: CallbackTarget, mac: string, macValid: boolean): Promise<boolean> {
    const at = this.options.now();
    let response: Response;
    try {
      response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ data: target.data, mac, type: 1 }),
        signal: AbortSignal.any([this.stopped.signal, AbortSignal.timeout(this.options.timeoutMs)]),
      });
    } catch (error) {
      if (this.stopped.signal.aborted) throw error;
      target.attempts.push({ at, macValid, error: error instanceof Error ? error.message : String(error) });
      return false;
    }
    const answer = (await response.json().catch(() => undefined)) as { return_code?: unknown } | undefined;
    const returnCode = typeof answer?.return_code === 'number' ? answer.return_code : undefined;
    target.attempts.push({ at, macValid, status: response.status, ...(returnCode === undefined ? {} : { returnCode }) });
    return response.ok && (returnCode === CALLBACK_RETURN_CODE.SUCCESS || returnCode === CALLBACK_RETURN_CODE.DUPLICATE);
  }
}
