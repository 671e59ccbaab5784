// A flash sale, simulated: shoppers check out one product at a given rate, and each runs
// checkout's write (backend-services/orders/store/writeOrder.ts) against the item holding the
// product's stock, with DynamoDB's rules as its documentation states them: a transaction meeting an
// item another transaction holds is cancelled (TransactionConflict), not queued; a condition on a
// stock that moved is cancelled with the item as it is now; every attempt, cancelled or not, takes
// its write units from the item's partition (1,000 WCU a second, or a linear combination with
// 3,000 RCU), and an attempt the partition cannot pay for is throttled. The retry policy is the
// code's (passed in: FlashSalePolicy). How long a transaction holds the item, and how long checkout
// takes before it, are estimates (estimates.ts). Deterministic: a seeded generator.
//
// What would change, simulated the same way: the stock split over `shards` items of their own
// (each in its own partition, the product's item only read), and conflicts retried like a moved
// stock rather than counted against the few attempts meant for a table that does not answer.

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
  /** A change: a TransactionConflict retried as a moved stock is (its rounds, its capped pause). */
  readonly conflictsAsMoved?: boolean;
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
  /** Write units one attempt takes from the stock item's partition (2 × the item's KB). */
  readonly wcuPerAttempt: number;
  /** Strongly consistent reads of the product's item per shopper (addToCart's two, checkout's three). */
  readonly readsPerShopper: number;
  readonly policy: FlashSalePolicy;
  /** A change: the stock split evenly over this many items apart from the product's (1: as it is). */
  readonly shards?: number;
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
  /** Reads of the product's item its partition had no room for (DynamoDB would throttle them too). */
  readonly readsOverCapacity: number;
  /** Checkout's duration, arrival to answer: the orders function runs about this long. */
  readonly meanSeconds: number;
  readonly p99Seconds: number;
  /** The orders function's concurrency it implies: arrivals a second × mean duration (Little's law). */
  readonly concurrency: number;
}

const PARTITION_WCU = 1_000;
const READ_COST = 1 / 3; // one RCU in a partition's linear combination, in WCU

/** One partition's second of capacity, in WCU, refilled as time passes. */
class Partition {
  private tokens = PARTITION_WCU;
  private refilledAt = 0;

  take(at: number, wcu: number): boolean {
    this.refill(at);
    if (this.tokens < wcu) return false;
    this.tokens -= wcu;
    return true;
  }

  /** Reads come first in the partition's budget: false when it had no room for them. */
  read(at: number, count: number): boolean {
    this.refill(at);
    const cost = count * READ_COST;
    const fits = this.tokens >= cost;
    this.tokens = Math.max(0, this.tokens - cost);
    return fits;
  }

  private refill(at: number): void {
    if (at <= this.refilledAt) return;
    this.tokens = Math.min(PARTITION_WCU, this.tokens + ((at - this.refilledAt) * PARTITION_WCU) / 1000);
    this.refilledAt = at;
  }
}

interface StockItem {
  stock: number;
  lockedUntil: number;
  readonly partition: Partition;
}

interface Shopper {
  readonly arrived: number;
  writeStarted: number;
  item: StockItem | undefined;
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
  const shards = input.shards ?? 1;
  const product = new Partition();
  // One item as it is: the product's own, read and written. Shards: items of their own, only written.
  const items: StockItem[] = Array.from({ length: shards }, (_, index) => ({
    stock: Math.floor(input.stock / shards) + (index < input.stock % shards ? 1 : 0),
    lockedUntil: -Infinity,
    partition: shards === 1 ? product : new Partition(),
  }));
  const inStock = () => items.filter((item) => item.stock > 0);
  const queue = new MinHeap<Step>((a, b) => a.at - b.at);
  const shoppers: Shopper[] = [];
  for (let at = 0; at < input.seconds * 1000; at += exponential(random, 1000 / input.arrivalsPerSecond)) {
    const shopper: Shopper = { arrived: at, writeStarted: 0, item: undefined, known: 0, moved: 0, busy: 0 };
    shoppers.push(shopper);
    queue.push({ at: at + input.beforeWriteMs / 2, shopper, kind: 'catalog' });
  }

  let attempts = 0;
  let throttled = 0;
  let readsOverCapacity = 0;
  let soldOutAt = Infinity;
  const read = (at: number, count: number) => {
    if (!product.read(at, count)) readsOverCapacity += count;
  };
  const end = (shopper: Shopper, outcome: FlashSaleOutcome, at: number) => {
    shopper.outcome = outcome;
    shopper.ended = at;
  };
  /** A round after the stock moved, as writeOrder.ts takes it (or gives up: 503). */
  const retryAfterMoved = (shopper: Shopper, now: number) => {
    const pause = random() * policy.backoffBaseMs * 2 ** Math.min(shopper.moved + 1, 6);
    const inTime = now + pause + policy.sendTimeoutMs <= shopper.writeStarted + policy.budgetMs;
    if (shopper.moved >= policy.movedAttempts - 1 || !inTime) return end(shopper, 'stockKeptMoving', now);
    shopper.moved += 1;
    queue.push({ at: now + Math.min(policy.movedBackoffCapMs, pause), shopper, kind: 'send' });
  };
  /** An attempt after a conflict or throttling, as writeOrder.ts takes it (or gives up: 503). */
  const retryAfterBusy = (shopper: Shopper, now: number) => {
    const pause = random() * policy.backoffBaseMs * 2 ** (shopper.busy + 1);
    shopper.busy += 1;
    const inTime = now + pause + policy.sendTimeoutMs <= shopper.writeStarted + policy.budgetMs;
    if (shopper.busy >= policy.busyAttempts || !inTime) end(shopper, 'busy', now);
    else queue.push({ at: now + pause, shopper, kind: 'send' });
  };
  const pick = (shopper: Shopper): boolean => {
    const candidates = inStock();
    shopper.item = candidates[Math.floor(random() * candidates.length)];
    shopper.known = shopper.item?.stock ?? 0;
    return shopper.item !== undefined;
  };

  for (let step = queue.pop(); step; step = queue.pop()) {
    const { at, shopper } = step;
    if (step.kind === 'catalog') {
      // The product's reads but the stock's (addToCart's, the catalog's, the quote's): stock
      // already short is refused before payment.
      read(at, input.readsPerShopper - 1);
      if (inStock().length === 0) {
        end(shopper, 'soldOutBeforePayment', at);
        continue;
      }
      // The payment claimed, then the stock read (strongly) that the transaction is conditional on.
      shopper.writeStarted = at + input.beforeWriteMs / 2;
      if (shards === 1) read(shopper.writeStarted, 1);
      pick(shopper);
      queue.push({ at: shopper.writeStarted, shopper, kind: 'send' });
      continue;
    }
    const item = shopper.item;
    if (!item || shopper.known < 1) {
      end(shopper, 'soldOutAfterPayment', at);
      continue;
    }
    attempts += 1;
    if (!item.partition.take(at, input.wcuPerAttempt)) {
      throttled += 1;
      retryAfterBusy(shopper, at + 5);
      continue;
    }
    if (item.lockedUntil > at) {
      if (policy.conflictsAsMoved) retryAfterMoved(shopper, at + input.transactionMs / 2);
      else retryAfterBusy(shopper, at + input.transactionMs / 2);
      continue;
    }
    if (shopper.known === item.stock) {
      item.lockedUntil = at + input.transactionMs;
      item.stock -= 1;
      if (inStock().length === 0) soldOutAt = item.lockedUntil;
      end(shopper, 'sold', item.lockedUntil);
      continue;
    }
    // The stock moved: cancelled with the item as it is now, tried again from it after a pause
    // (from another shard's, when this one ran out).
    const answered = at + input.transactionMs / 2;
    item.lockedUntil = answered;
    shopper.known = item.stock;
    if (shopper.known < 1 && !pick(shopper)) {
      end(shopper, 'soldOutAfterPayment', answered);
      continue;
    }
    retryAfterMoved(shopper, answered);
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
