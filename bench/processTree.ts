// A process and all its descendants, as Linux's /proc shows them: each one's name, command line
// and memory. The start-up benchmark (bench/startup.ts) measures `npm start`'s whole tree with it:
// npm, its shell, tsx, the stack's Node process, DynamoDB Local's JVM, cognito-local.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  /** The kernel's name of the process (/proc/<pid>/stat's comm: at most 15 characters). */
  readonly comm: string;
  readonly argv: readonly string[];
  /** Resident memory (VmRSS): pages shared with other processes count in full in each. */
  readonly residentBytes: number;
  /** Proportional memory (Pss): each shared page split among the processes that map it. */
  readonly proportionalBytes: number;
}

/** `root` and every process below it, by parent id; processes that end while read are left out. */
export function processTree(root: number): ProcessInfo[] {
  return descendants(root).flatMap((pid) => readProcess(pid) ?? []);
}

/** The ids of `root` and every process below it (by /proc/<pid>/stat's parent ids), root first. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readProc(pid, 'stat');
    if (stat === undefined) continue;
    const { ppid } = parseStat(stat);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  if (readProc(root, 'stat') === undefined) return [];
  const found = [root];
  // Bounded: a snapshot's parent links form a tree, so each pid is added once.
  for (let next = 0; next < found.length; next += 1) found.push(...(children.get(found[next]!) ?? []));
  return found;
}

/** The process's arguments (its command line), or undefined once it has ended. */
export function commandLine(pid: number): string[] | undefined {
  return readProc(pid, 'cmdline')
    ?.split('\0')
    .filter((arg) => arg !== '');
}

/** The pid, parent pid and name in /proc/<pid>/stat (the name may hold spaces and parentheses). */
export function parseStat(stat: string): { pid: number; ppid: number; comm: string } {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const [, ppid] = stat.slice(close + 2).split(' ');
  return { pid: Number(stat.slice(0, open).trim()), ppid: Number(ppid), comm: stat.slice(open + 1, close) };
}

/** A `<Key>: <n> kB` line of /proc/<pid>/status or smaps_rollup, in bytes (0 when absent). */
export function kilobytesField(text: string, key: string): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(text);
  return match ? Number(match[1]) * 1024 : 0;
}

function readProcess(pid: number): ProcessInfo | undefined {
  const stat = readProc(pid, 'stat');
  const status = readProc(pid, 'status');
  const argv = commandLine(pid);
  if (stat === undefined || status === undefined || argv === undefined) return undefined;
  const { ppid, comm } = parseStat(stat);
  return {
    pid,
    ppid,
    comm,
    argv,
    residentBytes: kilobytesField(status, 'VmRSS'),
    proportionalBytes: kilobytesField(readProc(pid, 'smaps_rollup') ?? '', 'Pss'),
  };
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

/** The kernel's clock ticks per second, in which /proc/<pid>/stat counts CPU time (100 on Linux's usual builds). */
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** The CPU time (user + system) the process has used, in milliseconds, or NaN once it has ended. */
export function cpuMilliseconds(pid: number): number {
  const stat = readProc(pid, 'stat');
  if (stat === undefined) return Number.NaN;
  // Fields after the name: state is the 3rd field of the whole line, utime the 14th, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
