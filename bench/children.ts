// Starts a benchmark server (bench/servers/<name>.ts) in a child process of its own, so that it
// does not share an event loop with the load generator, and waits for its `READY <url>` line.
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stopChild } from 'appsync-local/processes.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TAIL_LINES = 40;

export type ServerName = 'appsync' | 'bare' | 'peer' | 'stack';

export interface ServerChild {
  readonly name: ServerName;
  /** The GraphQL endpoint, always on 127.0.0.1. */
  readonly url: string;
  /** The child's process id. */
  readonly pid: number;
  /**
   * Sends one command line to the child and resolves with the rest of its answer line (a line
   * starting with the command). The stack child answers `MEMORY` (see bench/servers/stack.ts).
   */
  ask(command: string, timeoutMs?: number): Promise<string>;
  /** The child's last lines of output (its errors, if it logged any). */
  outputTail(): string;
  stop(): Promise<void>;
}

export async function spawnServer(name: ServerName, env: Record<string, string>, startTimeoutMs = 60_000): Promise<ServerChild> {
  // `node --import tsx` is `tsx` without its wrapper process: signals reach the server itself.
  // --expose-gc: a server can collect garbage before it reports its memory.
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', resolve(ROOT, 'bench/servers', `${name}.ts`)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const keep = (line: string): void => {
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
  };
  createInterface({ input: child.stderr! }).on('line', keep);
  const stdout = createInterface({ input: child.stdout! });
  const outputTail = (): string => tail.join('\n');
  try {
    const url = await waitForReady(name, child, stdout, keep, outputTail, startTimeoutMs);
    if (new URL(url).hostname !== '127.0.0.1') throw new Error(`${name} server listens on ${url}, not on 127.0.0.1.`);
    const ask = (command: string, timeoutMs = 10_000): Promise<string> =>
      new Promise((answer, fail) => {
        const timer = setTimeout(
          () => fail(new Error(`${name} server did not answer ${command} within ${timeoutMs} ms.`)),
          timeoutMs,
        );
        const listen = (line: string): void => {
          if (!line.startsWith(`${command} `)) return;
          clearTimeout(timer);
          stdout.off('line', listen);
          answer(line.slice(command.length + 1));
        };
        stdout.on('line', listen);
        child.stdin!.write(`${command}\n`);
      });
    return { name, url, pid: child.pid!, ask, outputTail, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

function waitForReady(
  name: ServerName,
  child: ChildProcess,
  stdout: ReturnType<typeof createInterface>,
  keep: (line: string) => void,
  outputTail: () => string,
  timeoutMs: number,
): Promise<string> {
  return new Promise((done, fail) => {
    let ready = false;
    const timer = setTimeout(() => {
      fail(new Error(`${name} server did not print READY within ${timeoutMs} ms.\n${outputTail()}`));
    }, timeoutMs);
    stdout.on('line', (line) => {
      if (!ready && line.startsWith('READY ')) {
        ready = true;
        clearTimeout(timer);
        done(line.slice('READY '.length).trim());
      } else {
        keep(line);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) fail(new Error(`${name} server exited (${signal ?? `code ${code}`}) before it was ready.\n${outputTail()}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(new Error(`${name} server could not start: ${error.message}`));
    });
  });
}
