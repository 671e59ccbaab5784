// What the benchmark measures and how long: the query, and the run settings read from the
// environment (BENCH_RUNS, BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_WARMUP_SECONDS, BENCH_QUICK).

export const PRODUCT_QUERY =
  'query ($id: ID!) { getProduct(productId: $id) { productId name price stock package { width length height weight } } }';

export interface BenchConfig {
  /** Measured runs per server; each figure is the median over them. */
  readonly runs: number;
  /** Length of one measured run. */
  readonly seconds: number;
  /** Unmeasured load on each server before the first run (0: none). */
  readonly warmupSeconds: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
  readonly quick: boolean;
}

const DEFAULTS = { runs: 3, seconds: 5, warmupSeconds: 1, concurrency: 16 };
const QUICK = { runs: 1, seconds: 1, warmupSeconds: 0, concurrency: 4 };

export function readConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
  const base = quick ? QUICK : DEFAULTS;
  return {
    runs: readNumber(env, 'BENCH_RUNS', base.runs, { integer: true, min: 1, max: 100 }),
    seconds: readNumber(env, 'BENCH_SECONDS', base.seconds, { integer: false, min: 0.1, max: 600 }),
    warmupSeconds: readNumber(env, 'BENCH_WARMUP_SECONDS', base.warmupSeconds, { integer: false, min: 0, max: 600 }),
    concurrency: readNumber(env, 'BENCH_CONCURRENCY', base.concurrency, { integer: true, min: 1, max: 1024 }),
    quick,
  };
}

function readNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  limits: { integer: boolean; min: number; max: number },
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  const valid = Number.isFinite(value) && (!limits.integer || Number.isInteger(value));
  if (!valid || value < limits.min || value > limits.max) {
    const kind = limits.integer ? 'an integer' : 'a number';
    throw new Error(`${name}=${raw} must be ${kind} from ${limits.min} to ${limits.max}.`);
  }
  return value;
}
