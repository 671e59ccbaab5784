// Loads each target in turn: a warm-up, then the measured runs interleaved (floor, runtime, bare,
// floor, runtime, bare …) so that a drift of the machine touches both alike; each figure is the median.
import type { BenchConfig } from './config.ts';
import { type LoadResult, median, type RequestShape, runLoad } from './load.ts';
import { cpuMilliseconds } from './processTree.ts';
import type { ServerFigures } from './report.ts';

export interface Target {
  readonly label: string;
  readonly url: string;
  readonly requests: RequestShape;
  /** The processes whose CPU time a request costs: the server's (none for the floor) and DynamoDB Local's. */
  readonly pids: { readonly server?: number; readonly database: number };
}

/** CPU time per successful request, in µs, of the server and of DynamoDB Local over one run. */
interface CpuPerRequest {
  readonly serverUs: number;
  readonly databaseUs: number;
}

export async function measure(
  config: BenchConfig,
  targets: readonly Target[],
  productIds: readonly string[],
): Promise<ServerFigures[]> {
  const load = (target: Target, seconds: number): Promise<LoadResult> =>
    runLoad({
      url: target.url,
      requests: target.requests,
      productIds,
      concurrency: config.concurrency,
      durationMs: seconds * 1000,
    });
  if (config.warmupSeconds > 0) {
    for (const target of targets) {
      const warm = await load(target, config.warmupSeconds);
      console.error(`warm-up  ${target.label}: ${warm.rps.toFixed(0)} req/s, ${warm.failed} failed`);
    }
  }
  const results = targets.map((): { load: LoadResult; cpu: CpuPerRequest }[] => []);
  for (let run = 1; run <= config.runs; run += 1) {
    for (const [index, target] of targets.entries()) {
      const cpuOf = (pid: number | undefined): number => (pid === undefined ? Number.NaN : cpuMilliseconds(pid));
      const serverBefore = cpuOf(target.pids.server);
      const databaseBefore = cpuOf(target.pids.database);
      const result = await load(target, config.seconds);
      const perRequest = (after: number, before: number): number => ((after - before) * 1000) / result.succeeded;
      const cpu = {
        serverUs: perRequest(cpuOf(target.pids.server), serverBefore),
        databaseUs: perRequest(cpuOf(target.pids.database), databaseBefore),
      };
      results[index]!.push({ load: result, cpu });
      console.error(
        `run ${run}/${config.runs}  ${target.label}: ${result.rps.toFixed(0)} req/s, ` +
          `p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ${result.failed} failed`,
      );
    }
  }
  return targets.map((target, index) => summarize(target.label, results[index]!));
}

function summarize(label: string, measured: readonly { load: LoadResult; cpu: CpuPerRequest }[]): ServerFigures {
  const runs = measured.map((m) => m.load);
  const failures = new Map<string, number>();
  for (const run of runs) for (const [reason, count] of run.failures) failures.set(reason, (failures.get(reason) ?? 0) + count);
  return {
    label,
    rps: median(runs.map((r) => r.rps)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    succeeded: runs.reduce((sum, r) => sum + r.succeeded, 0),
    failed: runs.reduce((sum, r) => sum + r.failed, 0),
    failures,
    loaderCpuCores: median(runs.map((r) => r.loaderCpuCores)),
    serverCpuUsPerRequest: median(measured.map((m) => m.cpu.serverUs)),
    databaseCpuUsPerRequest: median(measured.map((m) => m.cpu.databaseUs)),
  };
}
