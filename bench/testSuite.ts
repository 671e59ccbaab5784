// The test suite's own duration: `npm test` (the README's test command: the build check, then every
// vitest project) run in this checkout, timed from spawning it to its exit, with the CPU time of
// every process it ran (bash's `times`: the user and system time of the children it waited for,
// and theirs in turn: vitest's workers, the stacks, DynamoDB Local's JVMs). On a machine of N
// cores, no scheduling of the same work can take less wall time than CPU time ÷ N. Never run by a
// quick run, which is itself one of the suite's tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../system/artifacts.ts';
import { alignColumns } from './table.ts';

export interface SuiteFigures {
  readonly command: string;
  readonly exitCode: number;
  readonly wallMs: number;
  /** User + system CPU time of every process the suite ran, in ms (NaN if bash did not report it). */
  readonly cpuMs: number;
  readonly files: { readonly passed: number; readonly failed: number };
  readonly tests: { readonly passed: number; readonly failed: number };
  /** The output's last lines, kept when the suite failed. */
  readonly tail: string;
}

export type SuiteOutcome = SuiteFigures | { readonly skipped: string };

/** At most this long (the suite takes about 8 minutes on 2 cores). */
const SUITE_TIMEOUT_MS = 40 * 60_000;
const COMMAND = 'npm test';

export async function measureTestSuite(command: string = COMMAND): Promise<SuiteFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-suite-'));
  const log = join(dir, 'output.log');
  try {
    const started = performance.now();
    // `times` prints the shell's own times, then its children's: the second line is the suite's.
    const child = spawn('bash', ['-c', `{ ${command}; } > '${log}' 2>&1; code=$?; times; exit $code`], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    let times = '';
    child.stdout!.on('data', (chunk: Buffer) => (times += chunk.toString()));
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGTERM'), SUITE_TIMEOUT_MS);
    const exitCode = await new Promise<number>((done) => child.once('exit', (code) => done(code ?? 1)));
    clearTimeout(timer);
    const wallMs = performance.now() - started;
    const output = readFileSync(log, 'utf8');
    return {
      command,
      exitCode,
      wallMs,
      cpuMs: parseChildrenTimes(times),
      files: parseSummary(output, 'Test Files'),
      tests: parseSummary(output, 'Tests'),
      tail: exitCode === 0 ? '' : output.split('\n').slice(-40).join('\n'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** bash's `times`: "0m0.010s 0m0.002s" (the shell) then "9m31.050s 1m8.893s" (its children). */
export function parseChildrenTimes(text: string): number {
  const lines = text.trim().split('\n');
  const children = lines[1]?.match(/^(\d+)m([\d.]+)s (\d+)m([\d.]+)s$/);
  if (!children) return Number.NaN;
  const [, um, us, sm, ss] = children.map(Number) as [number, number, number, number, number];
  return ((um + sm) * 60 + us + ss) * 1000;
}

/** vitest's summary line, "Test Files  2 failed | 262 passed (264)" or "Tests  3182 passed (3182)". */
export function parseSummary(output: string, label: 'Test Files' | 'Tests'): { passed: number; failed: number } {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const line = plain.split('\n').find((l) => new RegExp(`^\\s*${label}\\s+\\d`).test(l));
  const count = (kind: string): number => Number(line?.match(new RegExp(`(\\d+) ${kind}`))?.[1] ?? 0);
  return { passed: count('passed'), failed: count('failed') };
}

export function renderTestSuiteTable(outcome: SuiteOutcome): string {
  if ('skipped' in outcome) return `test suite: not run (${outcome.skipped})`;
  const cores = availableParallelism();
  const minutes = (ms: number): string => `${(ms / 60_000).toFixed(1)} min`;
  return [
    `\`${outcome.command}\` in this checkout (the build check, then every vitest project), timed to its exit`,
    '',
    ...alignColumns([
      ['test suite', 'wall', 'CPU (all processes)', `CPU ÷ ${cores} cores`, 'files', 'tests', 'exit'],
      [
        outcome.command,
        minutes(outcome.wallMs),
        Number.isFinite(outcome.cpuMs) ? minutes(outcome.cpuMs) : '–',
        Number.isFinite(outcome.cpuMs) ? minutes(outcome.cpuMs / cores) : '–',
        `${outcome.files.passed} passed, ${outcome.files.failed} failed`,
        `${outcome.tests.passed} passed, ${outcome.tests.failed} failed`,
        String(outcome.exitCode),
      ],
    ]),
    '',
    `CPU ÷ cores is the least wall time any scheduling of the same work could take on this machine.`,
    ...(outcome.exitCode === 0 ? [] : ['', 'THE SUITE FAILED; its last lines:', outcome.tail]),
  ].join('\n');
}
