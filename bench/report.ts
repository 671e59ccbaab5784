// The getProduct comparison: a compact table for the terminal and the same as Markdown
// (bench/results.md), with the ratios runtime ÷ floor (DynamoDB Local's own GetItem), runtime ÷
// bare (a graphql-js server as a developer would write it) and runtime ÷ the peer (Amplify's
// AppSync simulator), and the machine they were measured on.
import { availableParallelism, cpus, arch, platform, totalmem } from 'node:os';
import type { BenchConfig } from './config.ts';
import { alignColumns } from './table.ts';

export interface ServerFigures {
  readonly label: string;
  /** Medians over the runs. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Totals over the measured runs. */
  readonly succeeded: number;
  readonly failed: number;
  readonly failures: ReadonlyMap<string, number>;
  /** Median CPU of the load generator while it loaded this server, in cores. */
  readonly loaderCpuCores: number;
  /**
   * Median CPU time per successful request of the server's process (NaN for the floor, which has
   * none) and of DynamoDB Local's JVM, in µs: the cost of a request, whatever else the machine
   * was doing at the time.
   */
  readonly serverCpuUsPerRequest: number;
  readonly databaseCpuUsPerRequest: number;
}

export interface Machine {
  readonly cpuModel: string;
  readonly cpuCount: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
}

export interface Report {
  readonly config: BenchConfig;
  /** DynamoDB Local's GetItem sent straight to it: the physical limit of the database path. */
  readonly floor: ServerFigures;
  readonly runtime: ServerFigures;
  readonly bare: ServerFigures;
  /** The peer's figures, or why it was not measured. */
  readonly peer: ServerFigures | { readonly unavailable: string };
  readonly machine: Machine;
  readonly date: Date;
}

export const FLOOR_LABEL = 'DynamoDB Local GetItem (floor)';
export const RUNTIME_LABEL = 'local AppSync runtime';
export const BARE_LABEL = 'bare graphql-js';
export const PEER_LABEL = 'amplify-appsync-simulator';
const FLOOR_RATIO_LABEL = 'runtime ÷ floor';
const RATIO_LABEL = 'runtime ÷ bare';
const PEER_RATIO_LABEL = 'runtime ÷ simulator';
const HEADER = ['server', 'req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'DynamoDB CPU µs/req', 'requests', 'failures'] as const;

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() || 'unknown CPU',
    cpuCount: list.length || availableParallelism(),
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    os: `${platform()} ${arch()}`,
  };
}

function rows(report: Report): string[][] {
  const row = (f: ServerFigures): string[] => [
    f.label,
    f.rps.toFixed(0),
    f.p50Ms.toFixed(2),
    f.p99Ms.toFixed(2),
    microseconds(f.serverCpuUsPerRequest),
    microseconds(f.databaseCpuUsPerRequest),
    String(f.succeeded + f.failed),
    String(f.failed),
  ];
  const ratios = (label: string, a: ServerFigures, b: ServerFigures): string[] => [
    label,
    ratio(a.rps, b.rps),
    ratio(a.p50Ms, b.p50Ms),
    ratio(a.p99Ms, b.p99Ms),
    ratio(a.serverCpuUsPerRequest, b.serverCpuUsPerRequest),
    ratio(a.databaseCpuUsPerRequest, b.databaseCpuUsPerRequest),
    '',
    '',
  ];
  const { floor, runtime, bare } = report;
  const peer = peerFigures(report);
  return [
    row(floor),
    row(runtime),
    row(bare),
    ...(peer ? [row(peer)] : []),
    ratios(FLOOR_RATIO_LABEL, runtime, floor),
    ratios(RATIO_LABEL, runtime, bare),
    ...(peer ? [ratios(PEER_RATIO_LABEL, runtime, peer)] : []),
  ];
}

function peerFigures(report: Report): ServerFigures | undefined {
  return 'unavailable' in report.peer ? undefined : report.peer;
}

function peerNote(report: Report): string[] {
  return 'unavailable' in report.peer ? [`${PEER_LABEL}: not measured (${report.peer.unavailable})`] : [];
}

/** The servers measured, for the failure lines and the chart. */
export function measuredServers(report: Report): ServerFigures[] {
  const peer = peerFigures(report);
  return [report.floor, report.runtime, report.bare, ...(peer ? [peer] : [])];
}

function microseconds(value: number): string {
  return Number.isFinite(value) ? value.toFixed(0) : '–';
}

function ratio(a: number, b: number): string {
  return b > 0 && Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : 'n/a';
}

function settings(config: BenchConfig): string {
  const warmup = config.warmupSeconds > 0 ? `${config.warmupSeconds} s warm-up` : 'no warm-up';
  return `${config.runs} run${config.runs === 1 ? '' : 's'} × ${config.seconds} s per server (medians), concurrency ${config.concurrency}, ${warmup}${config.quick ? ' (BENCH_QUICK)' : ''}`;
}

export function machineLine(m: Machine): string {
  return `${m.cpuModel} × ${m.cpuCount} · ${m.memoryGiB.toFixed(1)} GiB · Node ${m.node} · ${m.os}`;
}

function loaderLine(report: Report): string {
  const peer = peerFigures(report);
  return (
    `load generator CPU: ${report.floor.loaderCpuCores.toFixed(2)} cores against the floor, ${report.runtime.loaderCpuCores.toFixed(2)} against the runtime, ${report.bare.loaderCpuCores.toFixed(2)} against bare` +
    (peer ? `, ${peer.loaderCpuCores.toFixed(2)} against the simulator` : '')
  );
}

function failureLines(report: Report): string[] {
  return measuredServers(report).flatMap((f) => [...f.failures].map(([reason, count]) => `${f.label}: ${count} × ${reason}`));
}

export function renderTable(report: Report): string {
  const table = [[...HEADER], ...rows(report)];
  const failures = failureLines(report);
  return [
    `getProduct over HTTP POST: ${settings(report.config)}`,
    '',
    ...alignColumns(table),
    '',
    ...peerNote(report),
    `machine: ${machineLine(report.machine)}`,
    loaderLine(report),
    ...(failures.length > 0 ? ['', 'FAILURES (these requests are not in the figures):', ...failures.map((f) => `  ${f}`)] : []),
  ].join('\n');
}

export function renderMarkdown(report: Report): string {
  const cells = (r: readonly string[]): string => `| ${r.join(' | ')} |`;
  const failures = failureLines(report);
  return [
    '## getProduct over HTTP: the floor, the runtime, the limit and the peer',
    '',
    `\`getProduct\` over HTTP POST · ${settings(report.config)}.`,
    '',
    cells(HEADER),
    cells(HEADER.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...rows(report).map(cells),
    '',
    ...peerNote(report).map((note) => `- ${note}`),
    `- Machine: ${machineLine(report.machine)}`,
    `- ${loaderLine(report).replace(/^l/, 'L')}`,
    ...(failures.length > 0 ? ['', '## Failures (not in the figures)', '', ...failures.map((f) => `- ${f}`)] : []),
    '',
  ].join('\n');
}
