// The pure parts of bench/startup.ts and bench/processTree.ts: reading /proc's formats, naming
// the processes of `npm start`'s tree, the medians and the table. Nothing is started.
import { describe, expect, it } from 'vitest';
import { descendants, kilobytesField, parseStat, type ProcessInfo } from '../../../bench/processTree.ts';
import { byLabel, medianRun, renderStartupTable, type StartupRun } from '../../../bench/startup.ts';

const MIB = 1024 ** 2;

function proc(pid: number, comm: string, argv: string[], residentMiB: number): ProcessInfo {
  return { pid, ppid: 1, comm, argv, residentBytes: residentMiB * MIB, proportionalBytes: (residentMiB / 2) * MIB };
}

const TREE = [
  proc(10, 'npm start', ['npm start'], 54),
  proc(11, 'sh', ['sh', '-c', 'npm run build --silent && tsx local/start.ts'], 2),
  proc(12, 'node', ['node', '/repo/node_modules/.bin/tsx', 'local/start.ts'], 48),
  proc(
    13,
    'node',
    [
      '/usr/bin/node',
      '--require',
      '/repo/node_modules/tsx/dist/preflight.cjs',
      '--import',
      'file:///repo/node_modules/tsx/dist/loader.mjs',
      'local/start.ts',
    ],
    150,
  ),
  proc(14, 'java', ['java', '-Xms64m', '-jar', '/repo/.cache/dynamodb-local/DynamoDBLocal.jar', '-inMemory'], 140),
  proc(15, 'node', ['/usr/bin/node', '/repo/node_modules/cognito-local/lib/bin/start.js'], 84),
];

function run(firstAnswerMs: number, buildMs: number, stackMiB: number): StartupRun {
  const processes = byLabel(TREE.map((p) => (p.pid === 13 ? { ...p, residentBytes: stackMiB * MIB } : p)));
  const residentBytes = processes.reduce((sum, p) => sum + p.residentBytes, 0);
  return { firstAnswerMs, buildMs, residentBytes, proportionalBytes: residentBytes / 2, processes, stopMs: 2000 };
}

describe('/proc formats', () => {
  it('reads the pid, parent and name of a stat line, whatever the name holds', () => {
    expect(parseStat('4242 (npm start) S 1 4242 4242 0 -1 4194560 …')).toEqual({ pid: 4242, ppid: 1, comm: 'npm start' });
    expect(parseStat('7 (a) b) (c) R 6 7 7 0')).toEqual({ pid: 7, ppid: 6, comm: 'a) b) (c' });
  });

  it('reads a kB field in bytes, 0 when absent', () => {
    const status = 'Name:\tjava\nVmPeak:\t 3000000 kB\nVmRSS:\t  143580 kB\nThreads:\t40\n';
    expect(kilobytesField(status, 'VmRSS')).toBe(143_580 * 1024);
    expect(kilobytesField(status, 'Pss')).toBe(0);
  });

  it('finds this process and no tree for a process that does not exist', () => {
    expect(descendants(process.pid)[0]).toBe(process.pid);
    expect(descendants(2 ** 22 + 1)).toEqual([]);
  });
});

describe('byLabel', () => {
  it("names the stack's processes and sums them by name, largest first", () => {
    expect(byLabel(TREE).map((p) => [p.label, p.residentBytes / MIB])).toEqual([
      ['node: the stack (local/start.ts)', 150],
      ['java: DynamoDB Local', 140],
      ['node: cognito-local', 84],
      ['npm start', 54],
      ['node: tsx wrapper', 48],
      ['sh', 2],
    ]);
  });
});

describe('medianRun', () => {
  it("takes each figure's median, process by process", () => {
    const median = medianRun([run(9000, 3000, 150), run(16000, 4000, 160), run(10000, 2800, 155)]);
    expect(median.firstAnswerMs).toBe(10000);
    expect(median.buildMs).toBe(3000);
    expect(median.processes[0]).toEqual({ label: 'node: the stack (local/start.ts)', count: 1, residentBytes: 155 * MIB });
  });
});

describe('renderStartupTable', () => {
  it('shows each run, the medians and the memory by process', () => {
    const runs = [run(9000, 3000, 150), run(11000, 3400, 160)];
    const table = renderStartupTable({ command: 'npm start', runs, median: medianRun(runs) });
    expect(table).toMatch(/^run\s+first answer ms\s+npm \+ build ms\s+stack ms\s+RSS MiB\s+PSS MiB\s+stop ms$/m);
    expect(table).toMatch(/^run 1\s+9000\s+3000\s+6000\s+478\.0\s+239\.0\s+2000$/m);
    expect(table).toMatch(/^median\s+10000\s+3200\s+6800\s+483\.0\s+241\.5\s+2000$/m);
    expect(table).toMatch(/^java: DynamoDB Local\s+140\.0\s+140\.0\s+140\.0$/m);
    expect(table).toMatch(/^all \(RSS\)\s+478\.0\s+488\.0\s+483\.0$/m);
  });

  it('leaves the median out for a single run', () => {
    const runs = [run(9000, 3000, 150)];
    expect(renderStartupTable({ command: 'npm start', runs, median: medianRun(runs) })).not.toMatch(/median/);
  });
});
