// Loads each server in turn: a warm-up, then the measured runs interleaved (runtime, bare,
// runtime, bare …) so that a drift of the machine touches both alike; each figure is the median.
import type { BenchConfig } from './config.ts';
import { type LoadResult, median, runLoad } from './load.ts';
import type { ServerFigures } from './report.ts';

export interface Target {
  readonly label: string;
  readonly url: string;
}

export async function measure(
  config: BenchConfig,
  targets: readonly Target[],
  headers: Readonly<Record<string, string>>,
  productIds: readonly string[],
): Promise<ServerFigures[]> {
  const load = (target: Target, seconds: number): Promise<LoadResult> =>
    runLoad({ url: target.url, headers, productIds, concurrency: config.concurrency, durationMs: seconds * 1000 });
  if (config.warmupSeconds > 0) {
    for (const target of targets) {
      const warm = await load(target, config.warmupSeconds);
      console.error(`warm-up  ${target.label}: ${warm.rps.toFixed(0)} req/s, ${warm.failed} failed`);
    }
  }
  const results = targets.map((): LoadResult[] => []);
  for (let run = 1; run <= config.runs; run += 1) {
    for (const [index, target] of targets.entries()) {
      const result = await load(target, config.seconds);
      results[index]!.push(result);
      console.error(
        `run ${run}/${config.runs}  ${target.label}: ${result.rps.toFixed(0)} req/s, ` +
          `p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ${result.failed} failed`,
      );
    }
  }
  return targets.map((target, index) => summarize(target.label, results[index]!));
}

function summarize(label: string, runs: readonly LoadResult[]): ServerFigures {
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
  };
}
