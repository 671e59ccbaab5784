// A flash sale, simulated: shoppers check out one product at a given rate, and each runs
// checkout's write (backend-services/orders/store/writeOrder.ts) against the one item holding the
// product's stock, with DynamoDB's rules as its documentation states them: a transaction meeting an
// item another transaction holds is cancelled (TransactionConflict), not queued; a condition on a
// stock that moved is cancelled with the item as it is now; every attempt, cancelled or not, takes
// its write units from the item's partition (1,000 WCU a second, or a linear combination with
// 3,000 RCU), and an attempt the partition cannot pay for is throttled. The retry policy is the
// code's (passed in: FlashSalePolicy). How long a transaction holds the item, and how long checkout
// takes before it, are estimates (docs/SCALE.md says which). Deterministic: a seeded generator.

/** writeOrder.ts's retry policy. */
export interface FlashSalePolicy {
  /** Rounds when the stock moved (STOCK_MOVED_ATTEMPTS). */
  readonly movedAttempts: number;
  /** Attempts in all after conflicts or throttling (TRANSACTION_ATTEMPTS). */
  readonly busyAttempts: number;
  readonly budgetMs: number;
  readonly backoffBaseMs: number;
  readonly movedBackoffCapMs: number;
  readonly sendTimeoutMs: number;
}

export interface FlashSaleInput {
  readonly arrivalsPerSecond: number;
  /** How long shoppers keep arriving. */
  readonly seconds: number;
  readonly stock: number;
  /** From arrival to the transaction's first send: the cart read, catalog, quote, payment claimed. */
  readonly beforeWriteMs: number;
  /** How long one TransactWriteItems holds the item (prepare and commit); a cancelled one half as long. */
  readonly transactionMs: number;
  /** Write units one attempt takes from the item's partition (2 × the item's KB). */
  readonly wcuPerAttempt: number;
  /** Strongly consistent reads of the item per shopper (addToCart's two, checkout's three). */
  readonly readsPerShopper: number;
  readonly policy: FlashSalePolicy;
  readonly seed?: number;
}

export type FlashSaleOutcome = 'sold' | 'soldOutBeforePayment' | 'soldOutAfterPayment' | 'busy' | 'stockKeptMoving';

export interface FlashSaleResult {
  readonly shoppers: number;
  readonly outcomes: Readonly<Record<FlashSaleOutcome, number>>;
  /** Units sold a second while there was stock (or over the whole window). */
  readonly soldPerSecond: number;
  /** Transactions sent a second, while there was stock. */
  readonly attemptsPerSecond: number;
  readonly throttledAttempts: number;
  /** Reads of the item its partition had no room for (DynamoDB would throttle them too). */
  readonly readsOverCapacity: number;
  /** Checkout's duration, arrival to answer: the orders function runs about this long. */
  readonly meanSeconds: number;
  readonly p99Seconds: number;
  /** The orders function's concurrency it implies: arrivals a second × mean duration (Little's law). */
  readonly concurrency: number;
}

const PARTITION_WCU = 1_000;
const READ_COST = 1 / 3; // one RCU in the partition's linear combination, in WCU

interface Shopper {
  readonly arrived: number;
  writeStarted: number;
  known: number;
  moved: number;
  busy: number;
  outcome?: FlashSaleOutcome;
  ended?: number;
}

type Step = { at: number; shopper: Shopper; kind: 'catalog' | 'send' };

export function simulateFlashSale(input: FlashSaleInput): FlashSaleResult {
  const random = mulberry32(input.seed ?? 1);
  const { policy } = input;
  const queue = new MinHeap<Step>((a, b) => a.at - b.at);
  const shoppers: Shopper[] = [];
  for (let at = 0; at < input.seconds * 1000; at += exponential(random, 1000 / input.arrivalsPerSecond)) {
    const shopper: Shopper = { arrived: at, writeStarted: 0, known: 0, moved: 0, busy: 0 };
    shoppers.push(shopper);
    queue.push({ at: at + input.beforeWriteMs / 2, shopper, kind: 'catalog' });
  }

  let stock = input.stock;
  let lockedUntil = -Infinity;
  let tokens = PARTITION_WCU;
  let refilledAt = 0;
  let attempts = 0;
  let throttled = 0;
  let readsOverCapacity = 0;
  let soldOutAt = Infinity;
  const refill = (at: number) => {
    tokens = Math.min(PARTITION_WCU, tokens + ((Math.max(at, refilledAt) - refilledAt) * PARTITION_WCU) / 1000);
    refilledAt = Math.max(at, refilledAt);
  };
  const write = (at: number): boolean => {
    refill(at);
    if (tokens < input.wcuPerAttempt) return false;
    tokens -= input.wcuPerAttempt;
    return true;
  };
  // Reads come first in the partition's budget; those it has no room for are counted, not retried.
  const read = (at: number, count: number) => {
    refill(at);
    const cost = count * READ_COST;
    if (tokens < cost) readsOverCapacity += count;
    tokens = Math.max(0, tokens - cost);
  };
  const end = (shopper: Shopper, outcome: FlashSaleOutcome, at: number) => {
    shopper.outcome = outcome;
    shopper.ended = at;
  };
  const retryAfterBusy = (shopper: Shopper, now: number) => {
    const pause = random() * policy.backoffBaseMs * 2 ** (shopper.busy + 1);
    shopper.busy += 1;
    const inTime = now + pause + policy.sendTimeoutMs <= shopper.writeStarted + policy.budgetMs;
    if (shopper.busy >= policy.busyAttempts || !inTime) end(shopper, 'busy', now);
    else queue.push({ at: now + pause, shopper, kind: 'send' });
  };

  for (let step = queue.pop(); step; step = queue.pop()) {
    const { at, shopper } = step;
    if (step.kind === 'catalog') {
      // All the item's reads but the last (addToCart's, the catalog's, the quote's): stock already
      // short is refused before payment.
      read(at, input.readsPerShopper - 1);
      if (stock < 1) {
        end(shopper, 'soldOutBeforePayment', at);
        continue;
      }
      // The payment claimed, then the stock read (strongly) that the transaction is conditional on.
      shopper.writeStarted = at + input.beforeWriteMs / 2;
      read(shopper.writeStarted, 1);
      shopper.known = stock;
      queue.push({ at: shopper.writeStarted, shopper, kind: 'send' });
      continue;
    }
    if (shopper.known < 1) {
      end(shopper, 'soldOutAfterPayment', at);
      continue;
    }
    attempts += 1;
    if (!write(at)) {
      throttled += 1;
      retryAfterBusy(shopper, at + 5);
      continue;
    }
    if (lockedUntil > at) {
      retryAfterBusy(shopper, at + input.transactionMs / 2);
      continue;
    }
    if (shopper.known === stock) {
      lockedUntil = at + input.transactionMs;
      stock -= 1;
      if (stock === 0) soldOutAt = lockedUntil;
      end(shopper, 'sold', lockedUntil);
      continue;
    }
    // The stock moved: cancelled with the item as it is now, tried again from it after a pause.
    const answered = at + input.transactionMs / 2;
    lockedUntil = answered;
    shopper.known = stock;
    const pause = random() * policy.backoffBaseMs * 2 ** Math.min(shopper.moved + 1, 6);
    const inTime = answered + pause + policy.sendTimeoutMs <= shopper.writeStarted + policy.budgetMs;
    if (shopper.moved < policy.movedAttempts - 1 && inTime) {
      shopper.moved += 1;
      queue.push({ at: answered + Math.min(policy.movedBackoffCapMs, pause), shopper, kind: 'send' });
    } else {
      end(shopper, 'stockKeptMoving', answered);
    }
  }

  const outcomes: Record<FlashSaleOutcome, number> = {
    sold: 0,
    soldOutBeforePayment: 0,
    soldOutAfterPayment: 0,
    busy: 0,
    stockKeptMoving: 0,
  };
  for (const shopper of shoppers) outcomes[shopper.outcome!] += 1;
  const durations = shoppers.map((shopper) => (shopper.ended! - shopper.arrived) / 1000).sort((a, b) => a - b);
  const sellingSeconds = Math.min(soldOutAt, input.seconds * 1000) / 1000;
  const meanSeconds = durations.reduce((sum, d) => sum + d, 0) / Math.max(1, durations.length);
  return {
    shoppers: shoppers.length,
    outcomes,
    soldPerSecond: outcomes.sold / sellingSeconds,
    attemptsPerSecond: attempts / sellingSeconds,
    throttledAttempts: throttled,
    readsOverCapacity,
    meanSeconds,
    p99Seconds: durations[Math.min(durations.length - 1, Math.floor(durations.length * 0.99))] ?? 0,
    concurrency: input.arrivalsPerSecond * meanSeconds,
  };
}

/** Exponentially distributed gaps: arrivals of a Poisson process with this mean gap. */
function exponential(random: () => number, mean: number): number {
  return -Math.log(1 - random()) * mean;
}

/** A small seeded generator (mulberry32): the same run every time. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => number) {}

  push(item: T): void {
    this.items.push(item);
    for (let i = this.items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (this.before(this.items[i]!, this.items[parent]!) >= 0) break;
      [this.items[i], this.items[parent]] = [this.items[parent]!, this.items[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (this.items.length > 0 && last !== undefined) {
      this.items[0] = last;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < this.items.length && this.before(this.items[left]!, this.items[smallest]!) < 0) smallest = left;
        if (right < this.items.length && this.before(this.items[right]!, this.items[smallest]!) < 0) smallest = right;
        if (smallest === i) break;
        [this.items[i], this.items[smallest]] = [this.items[smallest]!, this.items[i]!];
        i = smallest;
      }
    }
    return top;
  }
}
