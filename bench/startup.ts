// Start-up of `npm start`: how long from typing it until the API answers, and how much memory the
// whole stack holds once it is up and idle. Each run spawns literally `npm start` (its own process
// group), polls every 50 ms until a getProducts query with the API key returns the demo catalog,
// waits a few seconds, reads the resident memory of every process of the tree (npm, its shell,
// tsx, the stack's Node process, DynamoDB Local's JVM, cognito-local), then stops the tree with
// SIGINT (Ctrl-C) and waits until every process is gone and every port is free.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AmplifyOutputs } from '../local/outputs.ts';
import { FREE_PORT_RANGE, findFreePort, isPortFree, type PortSetting } from 'appsync-local/ports.ts';
import { stackPorts } from '../local/stackPorts.ts';
import { REPO_ROOT } from '../system/artifacts.ts';
import { SYSTEM } from '../system/index.ts';
import { median } from './load.ts';
import { commandLine, descendants, type ProcessInfo, processTree } from './processTree.ts';
import { alignColumns } from './table.ts';

export interface ProcessMemory {
  /** What the process is (see PROCESS_LABELS); processes of one label are summed. */
  readonly label: string;
  readonly count: number;
  readonly residentBytes: number;
}

export interface StartupRun {
  /** From spawning `npm start` until the first query answered with a product. */
  readonly firstAnswerMs: number;
  /** Of that: from spawning until `tsx local/start.ts` appeared (npm itself; the build check, and a stale build, run in local/start.ts). */
  readonly buildMs: number;
  /** Resident memory of the whole tree (shared pages counted in each process). */
  readonly residentBytes: number;
  /** Proportional memory of the whole tree (shared pages counted once). */
  readonly proportionalBytes: number;
  /** By label, largest first. */
  readonly processes: readonly ProcessMemory[];
  /** From SIGINT until every process of the tree had ended. */
  readonly stopMs: number;
}

/**
 * What each run starts: `npm start` itself, or local/start.ts without npm (quick runs). Both check
 * the build and rebuild only what is stale (scripts/build.ts): a current build is never rewritten
 * under tests that may be reading it.
 */
export type StartupCommand = 'npm start' | 'npx tsx local/start.ts';

export interface StartupFigures {
  readonly command: StartupCommand;
  readonly runs: readonly StartupRun[];
  /** The median of each figure over the runs (by label for the processes). */
  readonly median: StartupRun;
}

/** How often the API is tried. */
export const POLL_MS = 50;
/** How long the stack is left idle after its first answer before its memory is read. */
export const SETTLE_MS = 3_000;
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;
const KILL_TIMEOUT_MS = 5_000;
const PORTS_FREE_TIMEOUT_MS = 10_000;
const QUERY_TIMEOUT_MS = 5_000;
const OUTPUT_TAIL_LINES = 40;
const QUERY = '{ getProducts(limit: 1) { products { productId } } }';
/** The argument by which the stack's own processes (tsx's wrapper and its Node child) are known. */
const START_SCRIPT = 'local/start.ts';

/** Names for the processes of `npm start`'s tree; any other process goes by its kernel name. */
const PROCESS_LABELS: readonly (readonly [string, (p: ProcessInfo) => boolean])[] = [
  ['java: DynamoDB Local', (p) => p.argv.some((arg) => arg.endsWith('DynamoDBLocal.jar'))],
  ['node: cognito-local', (p) => p.argv.some((arg) => arg.includes('/cognito-local/'))],
  [
    'node: the stack (local/start.ts)',
    (p) => p.argv.includes(START_SCRIPT) && p.argv.some((arg) => arg.includes('tsx/dist/loader')),
  ],
  ['node: tsx wrapper', (p) => p.argv.includes(START_SCRIPT)],
];

export async function measureStartup(runs: number, command: StartupCommand = 'npm start'): Promise<StartupFigures> {
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`measureStartup: runs must be a whole number of at least 1, not ${runs}.`);
  const measured: StartupRun[] = [];
  for (let run = 1; run <= runs; run += 1) {
    console.error(`start-up run ${run} of ${runs}: ${command} …`);
    measured.push(await measureOneStart(command));
  }
  return { command, runs: measured, median: medianRun(measured) };
}

/** Where the backend services' consecutive ports may start: findFreePort's range, clear of the defaults and of port-0 listeners. */
const SERVICE_PORT_RANGE = { ...FREE_PORT_RANGE, attempts: 50 } as const;

/**
 * Free ports for every port `npm start` listens on, as the variables that move them (its defaults
 * may be taken by a stack the developer runs, or by the test suite's): one free port each, and
 * for the backend services a free run of consecutive ports from API_GATEWAY_PORT on.
 */
async function freePortEnvironment(): Promise<{ env: Record<string, string>; ports: Record<string, PortSetting> }> {
  const { apiGateway, ...fixed } = stackPorts('any-free');
  const env: Record<string, string> = {};
  const ports: Record<string, PortSetting> = {};
  for (const [name, { variable }] of Object.entries(fixed)) {
    const port = await findFreePort();
    env[variable] = String(port);
    ports[name] = { port, variable };
  }
  const count = SYSTEM.services.length;
  for (let attempt = 0; attempt < SERVICE_PORT_RANGE.attempts; attempt += 1) {
    const first = SERVICE_PORT_RANGE.from + Math.floor(Math.random() * (SERVICE_PORT_RANGE.to - SERVICE_PORT_RANGE.from - count));
    const run = Array.from({ length: count }, (_, i) => first + i);
    const taken = Object.values(ports).some(({ port }) => run.includes(port));
    if (taken || !(await Promise.all(run.map((port) => isPortFree(port)))).every(Boolean)) continue;
    env[apiGateway.variable] = String(first);
    run.forEach((port, i) => (ports[`service${i}`] = { port, variable: apiGateway.variable }));
    return { env, ports };
  }
  throw new Error(
    `no ${count} consecutive free ports for the backend services between ${SERVICE_PORT_RANGE.from} and ${SERVICE_PORT_RANGE.to}`,
  );
}

async function measureOneStart(command: StartupCommand): Promise<StartupRun> {
  const { env: portEnv, ports } = await freePortEnvironment();
  // A folder of its own for the outputs: no stale amplify_outputs.json can be read, and the
  // repository's own (and its certificate in .local-state/) stay as they are.
  const folder = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const outputsFile = join(folder, 'amplify_outputs.json');
  const started = performance.now();
  const [program, ...args] = command.split(' ') as [string, ...string[]];
  const child = spawn(program, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...portEnv, AMPLIFY_OUTPUTS_FILE: outputsFile },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: the whole tree can be signalled at once, as Ctrl-C does.
    detached: true,
  });
  const tail = outputTail(child);
  if (child.pid === undefined) throw new Error('could not spawn `npm start`: is npm on the PATH?');
  const groupId = child.pid;
  // Should this process exit while the stack runs (an error, Ctrl-C handled by the caller's
  // cleanup), nothing of the stack stays behind.
  const killOnExit = (): void => signalGroup(groupId, 'SIGKILL');
  process.once('exit', killOnExit);
  try {
    const { firstAnswerMs, buildMs } = await waitForFirstAnswer(child, outputsFile, started, tail);
    await sleep(SETTLE_MS);
    const tree = processTree(groupId);
    const stopMs = await stopTree(child, groupId, tree, ports);
    return {
      firstAnswerMs,
      buildMs,
      residentBytes: sum(tree.map((p) => p.residentBytes)),
      proportionalBytes: sum(tree.map((p) => p.proportionalBytes)),
      processes: byLabel(tree),
      stopMs,
    };
  } catch (error) {
    signalGroup(groupId, 'SIGKILL');
    throw error;
  } finally {
    process.off('exit', killOnExit);
    rmSync(folder, { recursive: true, force: true });
  }
}

async function waitForFirstAnswer(
  child: ChildProcess,
  outputsFile: string,
  started: number,
  tail: () => string,
): Promise<{ firstAnswerMs: number; buildMs: number }> {
  const deadline = started + START_TIMEOUT_MS;
  let buildMs: number | undefined;
  let endpoint: { url: string; apiKey: string } | undefined;
  while (performance.now() < deadline) {
    const tick = performance.now();
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`\`npm start\` ended (${child.exitCode ?? child.signalCode}) before answering:\n${tail()}`);
    }
    buildMs ??= descendants(child.pid!).some((pid) => commandLine(pid)?.includes(START_SCRIPT)) ? tick - started : undefined;
    endpoint ??= readEndpoint(outputsFile);
    if (endpoint && (await answers(endpoint))) {
      // A stack that answers has run local/start.ts, even if it started between two looks.
      return { firstAnswerMs: performance.now() - started, buildMs: buildMs ?? tick - started };
    }
    await sleep(Math.max(0, tick + POLL_MS - performance.now()));
  }
  throw new Error(`\`npm start\` did not answer a query within ${START_TIMEOUT_MS / 1000} s:\n${tail()}`);
}

/** The API's URL and key from the outputs `npm start` writes once it is up, if written yet. */
function readEndpoint(outputsFile: string): { url: string; apiKey: string } | undefined {
  try {
    const { custom } = JSON.parse(readFileSync(outputsFile, 'utf8')) as AmplifyOutputs;
    return { url: custom.local.graphqlUrl, apiKey: custom.local.apiKey };
  } catch {
    // Not written yet, or written halfway.
    return undefined;
  }
}

async function answers(endpoint: { url: string; apiKey: string }): Promise<boolean> {
  try {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': endpoint.apiKey },
      body: JSON.stringify({ query: QUERY }),
      signal: AbortSignal.timeout(QUERY_TIMEOUT_MS),
    });
    if (!response.ok) return false;
    const body = (await response.json()) as { data?: { getProducts?: { products?: unknown[] } }; errors?: unknown[] };
    return !body.errors?.length && (body.data?.getProducts?.products?.length ?? 0) > 0;
  } catch {
    return false;
  }
}

/**
 * SIGINT to the group (Ctrl-C), then SIGKILL if anything is left after STOP_TIMEOUT_MS; resolves
 * with the time until every process of the tree had ended, once every port is free again.
 */
async function stopTree(
  child: ChildProcess,
  groupId: number,
  tree: readonly ProcessInfo[],
  ports: Record<string, PortSetting>,
): Promise<number> {
  const pids = tree.map((p) => p.pid);
  const allEnded = (): boolean => !isAlive(-groupId) && pids.every((pid) => !isAlive(pid));
  const stopping = performance.now();
  signalGroup(groupId, 'SIGINT');
  if (!(await waitUntil(allEnded, STOP_TIMEOUT_MS))) {
    signalGroup(groupId, 'SIGKILL');
    for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    if (!(await waitUntil(allEnded, KILL_TIMEOUT_MS))) {
      throw new Error(`\`npm start\` left processes behind: ${pids.filter(isAlive).join(', ')}.`);
    }
    throw new Error(`\`npm start\` did not stop on SIGINT within ${STOP_TIMEOUT_MS / 1000} s (killed).`);
  }
  const stopMs = performance.now() - stopping;
  // npm's own process has ended; its exit event is read so that the child is reaped.
  if (child.exitCode === null && child.signalCode === null) await new Promise((done) => child.once('exit', done));
  const taken = async (): Promise<number[]> => {
    const free = await Promise.all(Object.values(ports).map(async ({ port }) => ({ port, free: await isPortFree(port) })));
    return free.filter((p) => !p.free).map((p) => p.port);
  };
  if (!(await waitUntil(async () => (await taken()).length === 0, PORTS_FREE_TIMEOUT_MS))) {
    throw new Error(
      `after \`npm start\` stopped, port(s) ${(await taken()).join(', ')} were still in use ${PORTS_FREE_TIMEOUT_MS / 1000} s later.`,
    );
  }
  return stopMs;
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await condition()) return true;
    await sleep(POLL_MS);
  }
  return condition();
}

function signalGroup(groupId: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-groupId, signal);
  } catch {
    // The group has no process left.
  }
}

/** Signal 0: whether a process (or, for a negative id, a process group) still exists. */
function isAlive(id: number): boolean {
  try {
    process.kill(id, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function outputTail(child: ChildProcess): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString().split('\n'));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_TAIL_LINES));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // A failed spawn is reported above (no pid); this only keeps it from being an uncaught error.
  child.once('error', (error) => keep(Buffer.from(String(error))));
  return () => lines.join('\n');
}

/** The tree's processes summed by label, largest first. */
export function byLabel(tree: readonly ProcessInfo[]): ProcessMemory[] {
  const labels = new Map<string, { count: number; residentBytes: number }>();
  for (const p of tree) {
    const label = PROCESS_LABELS.find(([, matches]) => matches(p))?.[0] ?? p.comm;
    const entry = labels.get(label) ?? { count: 0, residentBytes: 0 };
    labels.set(label, { count: entry.count + 1, residentBytes: entry.residentBytes + p.residentBytes });
  }
  return [...labels].map(([label, entry]) => ({ label, ...entry })).sort((a, b) => b.residentBytes - a.residentBytes);
}

/**
 * Each figure's median over the runs; a process label missing from a run counts 0 there, and a
 * label's count is the most any run had.
 */
export function medianRun(runs: readonly StartupRun[]): StartupRun {
  const of = (pick: (run: StartupRun) => number): number => median(runs.map(pick));
  const labels = [...new Set(runs.flatMap((run) => run.processes.map((p) => p.label)))];
  const processOf = (run: StartupRun, label: string): ProcessMemory | undefined => run.processes.find((p) => p.label === label);
  return {
    firstAnswerMs: of((r) => r.firstAnswerMs),
    buildMs: of((r) => r.buildMs),
    residentBytes: of((r) => r.residentBytes),
    proportionalBytes: of((r) => r.proportionalBytes),
    processes: labels
      .map((label) => ({
        label,
        count: Math.max(...runs.map((r) => processOf(r, label)?.count ?? 0)),
        residentBytes: of((r) => processOf(r, label)?.residentBytes ?? 0),
      }))
      .sort((a, b) => b.residentBytes - a.residentBytes),
    stopMs: of((r) => r.stopMs),
  };
}

export function renderStartupTable(figures: StartupFigures): string {
  const runs = figures.runs;
  const timeRows = [
    ...runs.map((run, i) => timeRow(`run ${i + 1}`, run)),
    ...(runs.length > 1 ? [timeRow('median', figures.median)] : []),
  ];
  const memoryHeader = [
    'resident memory by process, MiB',
    ...runs.map((_, i) => `run ${i + 1}`),
    ...(runs.length > 1 ? ['median'] : []),
  ];
  const memoryRow = (label: string, pick: (run: StartupRun) => number): string[] => [
    label,
    ...[...runs, ...(runs.length > 1 ? [figures.median] : [])].map((run) => mib(pick(run))),
  ];
  const processBytes = (run: StartupRun, label: string): number =>
    run.processes.find((p) => p.label === label)?.residentBytes ?? 0;
  return [
    `start-up of \`${figures.command}\` (${runs.length} run${runs.length === 1 ? '' : 's'}): from spawning it until a getProducts query with the API key returns a product, polled every ${POLL_MS} ms`,
    `"npm + build": until \`tsx ${START_SCRIPT}\` appeared in its process tree (npm; the build's staleness check, and a stale build, are in "stack"); "stack": the rest; "stop": SIGINT until every process had ended`,
    '',
    ...alignColumns([['run', 'first answer ms', 'npm + build ms', 'stack ms', 'RSS MiB', 'PSS MiB', 'stop ms'], ...timeRows]),
    '',
    `memory of the whole process tree ${SETTLE_MS / 1000} s after the first answer, idle; RSS counts shared pages in every process, PSS splits them`,
    '',
    ...alignColumns([
      memoryHeader,
      ...figures.median.processes.map((p) =>
        memoryRow(p.count === 1 ? p.label : `${p.label} (×${p.count})`, (run) => processBytes(run, p.label)),
      ),
      memoryRow('all (RSS)', (run) => run.residentBytes),
    ]),
  ].join('\n');
}

function timeRow(label: string, run: StartupRun): string[] {
  return [
    label,
    run.firstAnswerMs.toFixed(0),
    run.buildMs.toFixed(0),
    (run.firstAnswerMs - run.buildMs).toFixed(0),
    mib(run.residentBytes),
    mib(run.proportionalBytes),
    run.stopMs.toFixed(0),
  ];
}

function mib(bytes: number): string {
  return (bytes / 1024 ** 2).toFixed(1);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
