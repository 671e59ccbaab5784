// The load generator: `concurrency` workers, each looping fetch (keep-alive) until the deadline,
// with rotating product ids. It times every request with hrtime, checks every answer (HTTP 200,
// no GraphQL errors, the product asked for) and counts the rest as failures, by reason. The same
// loop sends either the getProduct query to a GraphQL server or DynamoDB's own GetItem straight
// to DynamoDB Local (the floor: what the database answers with nothing in front of it).
import { PRODUCT_QUERY } from './config.ts';

/** What one target is sent for a product id, and how its answer is checked. */
export interface RequestShape {
  readonly headers: Readonly<Record<string, string>>;
  body(productId: string): string;
  /** Why an answer is not the product asked for, or undefined when it is. */
  check(status: number, text: string, productId: string): string | undefined;
}

/** getProduct over GraphQL, with the given headers (the API key). */
export function graphqlRequests(headers: Readonly<Record<string, string>>): RequestShape {
  return {
    headers: { 'content-type': 'application/json', ...headers },
    body: (id) => JSON.stringify({ query: PRODUCT_QUERY, variables: { id } }),
    check: checkAnswer,
  };
}

/**
 * DynamoDB's GetItem of the product, as its JSON protocol sends it. DynamoDB Local reads only the
 * access key of the Authorization header (it checks no signature), so the header is fixed: the
 * floor leaves out every cost a client could avoid, signing included.
 */
export function getItemRequests(tableName: string, keyName: string): RequestShape {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  return {
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.GetItem',
      authorization: `AWS4-HMAC-SHA256 Credential=local/${day}/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: (id) => JSON.stringify({ TableName: tableName, Key: { [keyName]: { S: id } } }),
    check: (status, text, id) => {
      if (status !== 200) return `HTTP ${status}: ${text.slice(0, 120)}`;
      let body: { Item?: Record<string, { S?: unknown }> };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        return `not JSON: ${text.slice(0, 120)}`;
      }
      if (!body.Item) return 'no item in the answer';
      return body.Item[keyName]?.S === id ? undefined : 'another item than the one asked for';
    },
  };
}

export interface LoadOptions {
  readonly url: string;
  readonly requests: RequestShape;
  readonly productIds: readonly string[];
  readonly concurrency: number;
  readonly durationMs: number;
  /** A bound on the whole run's requests, whatever the deadline (default 10 million). */
  readonly maxRequests?: number;
  /** Time limit of one request (default 10 s). */
  readonly requestTimeoutMs?: number;
}

export interface LoadResult {
  /** Successful requests per second. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Failures by reason ("HTTP 500", "GraphQL error: …"). */
  readonly failures: ReadonlyMap<string, number>;
  readonly elapsedMs: number;
  /** The load generator's own CPU time over the run, in cores (1 = one core busy). */
  readonly loaderCpuCores: number;
}

const MAX_FAILURE_REASONS = 20;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.productIds.length === 0) throw new Error('runLoad needs at least one product id.');
  const { requests } = options;
  const bodies = options.productIds.map((id) => ({ id, body: requests.body(id) }));
  const headers = requests.headers;
  const maxRequests = options.maxRequests ?? 10_000_000;
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const fail = (reason: string): void => {
    const key = failures.has(reason) || failures.size < MAX_FAILURE_REASONS ? reason : 'other';
    failures.set(key, (failures.get(key) ?? 0) + 1);
  };
  let next = 0;
  let failed = 0;

  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(options.durationMs * 1e6));

  const worker = async (): Promise<void> => {
    while (next < maxRequests && process.hrtime.bigint() < deadline) {
      const request = bodies[next++ % bodies.length]!;
      const t0 = process.hrtime.bigint();
      let status: number;
      let text: string;
      try {
        const response = await fetch(options.url, {
          method: 'POST',
          headers,
          body: request.body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = response.status;
        text = await response.text();
      } catch (error) {
        failed += 1;
        fail(`network: ${(error as Error).message}`);
        continue;
      }
      const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
      const problem = requests.check(status, text, request.id);
      if (problem) {
        failed += 1;
        fail(problem);
      } else {
        latencies.push(elapsed);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));

  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = Float64Array.from(latencies).sort();
  return {
    rps: latencies.length / (elapsedMs / 1000),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    succeeded: latencies.length,
    failed,
    failures,
    elapsedMs,
    loaderCpuCores: (cpu.user + cpu.system) / 1000 / elapsedMs,
  };
}

/** Why a GraphQL answer is not the product asked for, or undefined when it is. */
export function checkAnswer(status: number, text: string, productId: string): string | undefined {
  if (status !== 200) return `HTTP ${status}: ${text.slice(0, 120)}`;
  let body: { data?: { getProduct?: { productId?: unknown } | null } | null; errors?: { message?: unknown }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return `not JSON: ${text.slice(0, 120)}`;
  }
  if (body.errors && body.errors.length > 0) return `GraphQL error: ${String(body.errors[0]?.message).slice(0, 120)}`;
  const product = body.data?.getProduct;
  if (!product) return 'no product in the answer';
  if (product.productId !== productId) return 'another product than the one asked for';
  return undefined;
}

/** The nearest-rank percentile of sorted values (NaN when there are none). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The in-process benchmarks' sampling: `runs` runs of `batches` batches, each `runBatch()` doing
 * `batchSize` calls; a batch's sample is its mean µs per call. p50 and p99 are over one run's
 * batches, and the figures the medians over the runs.
 */
export async function sampleBatches(
  runs: number,
  batches: number,
  batchSize: number,
  runBatch: () => void | Promise<void>,
): Promise<{ p50Us: number; p99Us: number; calls: number }> {
  const perRun: { p50: number; p99: number }[] = [];
  for (let run = 0; run < runs; run += 1) {
    const samples: number[] = [];
    for (let batch = 0; batch < batches; batch += 1) {
      const started = performance.now();
      await runBatch();
      samples.push(((performance.now() - started) * 1000) / batchSize);
    }
    const sorted = Float64Array.from(samples).sort();
    perRun.push({ p50: percentile(sorted, 50), p99: percentile(sorted, 99) });
  }
  return { p50Us: median(perRun.map((r) => r.p50)), p99Us: median(perRun.map((r) => r.p99)), calls: runs * batches * batchSize };
}
