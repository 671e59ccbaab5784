// Where the local stack keeps a day's work: one folder (`.local-state/` for `npm start`) holding
// DynamoDB Local's tables, cognito-local's users, the local S3's objects, the mailbox's emails,
// the bus's dead letters, the key that seals pagination tokens, the developer's key pair and a
// note of the child processes running. Without a folder (the tests) everything is temporary, as before.
//
// A start after a crash (kill -9, a closed terminal) finds the processes the last run noted and
// stops those still running — DynamoDB Local and cognito-local would otherwise hold their ports —
// after checking each is what was noted, not a process that took its id since. A run still alive
// (its own process is) is another stack using the folder: that is refused, not stopped.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeadLetter } from 'appsync-local/eventbridge/index.ts';

export interface DeveloperKeys {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The child processes a run started, by what they are, and what their command line shows. */
const PROCESS_SIGNATURES = { dynamodb: 'DynamoDBLocal.jar', cognito: 'cognito-local' } as const;
export type StateProcess = keyof typeof PROCESS_SIGNATURES;

export interface LocalState {
  /** The folder; undefined when nothing is kept. */
  readonly dir: string | undefined;
  /** Each part's folder, when kept. */
  readonly dynamodbPath: string | undefined;
  readonly cognitoDir: string | undefined;
  readonly s3Dir: string | undefined;
  readonly mailboxDir: string | undefined;
  /** Seals the runtime's pagination tokens (32 bytes): kept, tokens survive a restart. */
  readonly paginationKey: Buffer;
  /** The developer principal's key pair (custom.local.credentials): new with each folder. */
  readonly developer: DeveloperKeys;
  /** The bus's dead letters of the last run (redrivable again), and keeping this run's. */
  loadDeadLetters(): DeadLetter[];
  saveDeadLetters(deadLetters: readonly DeadLetter[]): void;
  /** Whether the demo data was seeded into this folder before (it is seeded once). */
  readonly seeded: boolean;
  markSeeded(): void;
  /** Notes this run's process and its children, for the next start to clean up after a crash. */
  noteProcesses(pids: Readonly<Partial<Record<StateProcess, number>>>): void;
  /** Forgets them: the run stopped cleanly. */
  forgetProcesses(): void;
}

export interface OpenStateOptions {
  /** Start from an empty folder, removing what it held. */
  readonly fresh?: boolean;
  readonly log?: (line: string) => void;
}

/** The state in `dir`, created when absent; after a crash, the processes left running are stopped. */
export async function openLocalState(dir: string | undefined, options: OpenStateOptions = {}): Promise<LocalState> {
  if (dir === undefined) return temporaryState();
  const log = options.log ?? (() => undefined);
  if (options.fresh && existsSync(dir)) {
    await stopLeftoverProcesses(dir, log);
    rmSync(dir, { recursive: true, force: true });
    log(`Started afresh: removed ${dir}.`);
  }
  mkdirSync(dir, { recursive: true });
  await stopLeftoverProcesses(dir, log);
  const paginationKey = readOrCreate(join(dir, 'pagination-key'), () => randomBytes(32).toString('base64'));
  const developer = JSON.parse(
    readOrCreate(join(dir, 'developer-credentials.json'), () => JSON.stringify(newDeveloperKeys(), null, 2)),
  ) as DeveloperKeys;
  const seededMarker = join(dir, 'seeded');
  const deadLettersFile = join(dir, 'dead-letters.json');
  const processesFile = join(dir, 'processes.json');
  return {
    dir,
    dynamodbPath: join(dir, 'dynamodb'),
    cognitoDir: join(dir, 'cognito'),
    s3Dir: join(dir, 's3'),
    mailboxDir: join(dir, 'mailbox'),
    paginationKey: Buffer.from(paginationKey, 'base64'),
    developer,
    seeded: existsSync(seededMarker),
    markSeeded: () => writeFileSync(seededMarker, `${new Date().toISOString()}\n`),
    loadDeadLetters: () => {
      try {
        return existsSync(deadLettersFile) ? (JSON.parse(readFileSync(deadLettersFile, 'utf8')) as DeadLetter[]) : [];
      } catch {
        log(`${deadLettersFile} is unreadable; the last run's dead letters are not restored.`);
        return [];
      }
    },
    saveDeadLetters: (deadLetters) => writeFileSync(deadLettersFile, `${JSON.stringify(deadLetters)}\n`),
    noteProcesses: (pids) => writeFileSync(processesFile, `${JSON.stringify({ stack: process.pid, ...pids })}\n`),
    forgetProcesses: () => rmSync(processesFile, { force: true }),
  };
}

/** Removes the folder (stopping what a crashed run left running); whether there was one. */
export async function resetLocalState(dir: string, log: (line: string) => void = () => undefined): Promise<boolean> {
  if (!existsSync(dir)) return false;
  await stopLeftoverProcesses(dir, log);
  rmSync(dir, { recursive: true, force: true });
  return true;
}

function temporaryState(): LocalState {
  return {
    dir: undefined,
    dynamodbPath: undefined,
    cognitoDir: undefined,
    s3Dir: undefined,
    mailboxDir: undefined,
    paginationKey: randomBytes(32),
    developer: newDeveloperKeys(),
    seeded: false,
    markSeeded: () => undefined,
    loadDeadLetters: () => [],
    saveDeadLetters: () => undefined,
    noteProcesses: () => undefined,
    forgetProcesses: () => undefined,
  };
}

function newDeveloperKeys(): DeveloperKeys {
  return {
    accessKeyId: `AKIALOCALDEV${randomBytes(4).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
  };
}

function readOrCreate(file: string, create: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = create();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

/** Stops the processes a previous run noted and left running (it crashed), then forgets them. */
async function stopLeftoverProcesses(dir: string, log: (line: string) => void): Promise<void> {
  const file = join(dir, 'processes.json');
  if (!existsSync(file)) return;
  let noted: Partial<Record<StateProcess | 'stack', number>> = {};
  try {
    noted = JSON.parse(readFileSync(file, 'utf8')) as typeof noted;
  } catch {
    // An unreadable note names nothing to stop.
  }
  const { stack, ...children } = noted;
  if (stack !== undefined && stack !== process.pid && commandLineOf(stack) !== undefined) {
    throw new Error(
      `Another local stack (process ${stack}) is using ${dir}: stop it (Ctrl-C) first, or give this one another ` +
        'folder with LOCAL_STATE_DIR.',
    );
  }
  for (const [name, pid] of Object.entries(children) as [StateProcess, number][]) {
    if (!Number.isInteger(pid) || !commandLineOf(pid)?.includes(PROCESS_SIGNATURES[name])) continue;
    log(`A previous run left ${name} running (process ${pid}); stopping it.`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      continue;
    }
    for (let waited = 0; waited < 5_000 && commandLineOf(pid) !== undefined; waited += 100) await sleep(100);
  }
  rmSync(file, { force: true });
}

/** The process's command line, or undefined when no such process runs. */
function commandLineOf(pid: number): string | undefined {
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  try {
    return execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
