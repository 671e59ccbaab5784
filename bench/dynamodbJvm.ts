// DynamoDB Local's JVM: the stack starts it tuned to answer soonest (C1 JIT only, a 64 MB initial
// heap, the serial collector). Is that tuning what limits the database path once it is warm? Both
// tunings of the launcher (`start`, `throughput`: the JVM's defaults) are started one after the
// other (time to the first answer), seeded alike, warmed up, then loaded in alternation with
// GetItem straight to them (the floor of the getProduct table), and their resident memory read.
import { randomBytes } from 'node:crypto';
import type { demoCatalog } from '../backend-services/products/seed/demoCatalog.ts';
import { type DynamoDbLocal, type DynamoDbLocalJvm, startDynamoDbLocal } from 'appsync-local/dynamodb/launcher.ts';
import { seedItems } from 'appsync-local/dynamodb/seed.ts';
import { createLocalDynamoDbClient, createTables } from 'appsync-local/dynamodb/tables.ts';
import { PRODUCTS_TABLE } from '../system/tables.ts';
import type { Cleanup } from './cleanup.ts';
import type { BenchConfig } from './config.ts';
import { getItemRequests, median, runLoad } from './load.ts';
import { cpuMilliseconds, processTree } from './processTree.ts';
import { alignColumns } from './table.ts';

export interface JvmFigures {
  readonly jvm: DynamoDbLocalJvm;
  readonly startMs: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuUsPerRequest: number;
  readonly residentMiB: number;
  readonly failed: number;
}

const TUNINGS: readonly DynamoDbLocalJvm[] = ['start', 'throughput'];
/** C2 compiles the hot paths only after thousands of calls: a short warm-up would measure C1. */
const STEADY_WARMUP_SECONDS = 10;

export async function benchDynamoDbJvm(
  config: BenchConfig,
  catalog: ReturnType<typeof demoCatalog>,
  cleanup: Cleanup,
): Promise<JvmFigures[]> {
  const tableName = `jvm${randomBytes(4).toString('hex')}-${PRODUCTS_TABLE.name}`;
  const started: { jvm: DynamoDbLocalJvm; dynamodb: DynamoDbLocal; startMs: number }[] = [];
  try {
    for (const jvm of TUNINGS) {
      const t0 = performance.now();
      const dynamodb = await startDynamoDbLocal({ jvm });
      const startMs = performance.now() - t0;
      cleanup.add(() => dynamodb.stop());
      started.push({ jvm, dynamodb, startMs });
      const client = createLocalDynamoDbClient(dynamodb.endpoint);
      try {
        await createTables(client, [{ ...PRODUCTS_TABLE, name: tableName }]);
        await seedItems(client, tableName, PRODUCTS_TABLE.partitionKey.name, catalog);
      } finally {
        client.destroy();
      }
    }
    const requests = getItemRequests(tableName, PRODUCTS_TABLE.partitionKey.name);
    const productIds = catalog.map((p) => p.productId);
    const load = (dynamodb: DynamoDbLocal, seconds: number) =>
      runLoad({ url: dynamodb.endpoint, requests, productIds, concurrency: config.concurrency, durationMs: seconds * 1000 });
    const warmup = config.quick ? 0 : Math.max(STEADY_WARMUP_SECONDS, config.warmupSeconds);
    if (warmup > 0) for (const { dynamodb } of started) await load(dynamodb, warmup);

    const runs = started.map((): { rps: number; p50Ms: number; p99Ms: number; cpuUs: number; failed: number }[] => []);
    for (let run = 1; run <= config.runs; run += 1) {
      for (const [index, { jvm, dynamodb }] of started.entries()) {
        const before = cpuMilliseconds(dynamodb.pid);
        const result = await load(dynamodb, config.seconds);
        const cpuUs = ((cpuMilliseconds(dynamodb.pid) - before) * 1000) / result.succeeded;
        runs[index]!.push({ rps: result.rps, p50Ms: result.p50Ms, p99Ms: result.p99Ms, cpuUs, failed: result.failed });
        console.error(
          `run ${run}/${config.runs}  DynamoDB Local (${jvm}): ${result.rps.toFixed(0)} GetItem/s, ${result.failed} failed`,
        );
      }
    }
    return started.map(({ jvm, dynamodb, startMs }, index) => {
      const measured = runs[index]!;
      return {
        jvm,
        startMs,
        rps: median(measured.map((r) => r.rps)),
        p50Ms: median(measured.map((r) => r.p50Ms)),
        p99Ms: median(measured.map((r) => r.p99Ms)),
        cpuUsPerRequest: median(measured.map((r) => r.cpuUs)),
        residentMiB: (processTree(dynamodb.pid)[0]?.residentBytes ?? Number.NaN) / 1024 ** 2,
        failed: measured.reduce((sum, r) => sum + r.failed, 0),
      };
    });
  } finally {
    await Promise.all(started.map(({ dynamodb }) => dynamodb.stop()));
  }
}

export function renderDynamoDbJvmTable(figures: readonly JvmFigures[], config: BenchConfig): string {
  const warmup = config.quick ? 'no warm-up' : `${Math.max(STEADY_WARMUP_SECONDS, config.warmupSeconds)} s warm-up each`;
  return [
    `DynamoDB Local's JVM tunings: GetItem straight to it, ${config.runs} run(s) × ${config.seconds} s alternated (medians), concurrency ${config.concurrency}, ${warmup}`,
    '',
    ...alignColumns([
      ['JVM', 'first answer ms', 'GetItem/s', 'p50 ms', 'p99 ms', 'JVM CPU µs/req', 'RSS MiB', 'failures'],
      ...figures.map((f) => [
        f.jvm === 'start' ? 'start (C1 only, -Xms64m, serial GC)' : "throughput (the JVM's defaults)",
        f.startMs.toFixed(0),
        f.rps.toFixed(0),
        f.p50Ms.toFixed(2),
        f.p99Ms.toFixed(2),
        f.cpuUsPerRequest.toFixed(0),
        f.residentMiB.toFixed(0),
        String(f.failed),
      ]),
    ]),
  ].join('\n');
}
