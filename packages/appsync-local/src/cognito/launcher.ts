// Starts cognito-local as a child process with its state in a folder of its own, waits until it
// answers, and stops it cleanly. Its output goes to a log file in that folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findFreePort, isPortFree } from '../ports.ts';
import { stopChild } from '../processes.ts';
import { writeCognitoLocalConfig } from './config.ts';
import { CognitoLocalError } from './errors.ts';

export interface CognitoLocal {
  /** http://127.0.0.1:PORT */
  readonly endpoint: string;
  readonly port: number;
  /** cognito-local's working directory: its data in `.cognito/`, its output in `cognito-local.log`. */
  readonly stateDir: string;
  /** The child's process id. */
  readonly pid: number;
  stop(): Promise<void>;
}

export interface CognitoLocalOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Kept after stop. The default is a fresh temporary folder, removed on stop. */
  stateDir?: string;
  /** How long to wait for the first answer. */
  startTimeoutMs?: number;
}

export const LOG_FILE = 'cognito-local.log';

export async function startCognitoLocal(options: CognitoLocalOptions = {}): Promise<CognitoLocal> {
  const port = options.port || (await findFreePort());
  if (!(await isPortFree(port))) {
    throw new CognitoLocalError(`Cannot start cognito-local: port ${port} is already in use.`);
  }
  const ownsStateDir = options.stateDir === undefined;
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'cognito-local-'));
  const removeStateDir = (): void => {
    if (ownsStateDir) rmSync(stateDir, { recursive: true, force: true });
  };
  const endpoint = `http://127.0.0.1:${port}`;
  const logFile = join(stateDir, LOG_FILE);

  let child: ChildProcess;
  try {
    writeCognitoLocalConfig(stateDir, endpoint);
    const log = openSync(logFile, 'a');
    try {
      child = spawn(process.execPath, [cognitoLocalBin()], {
        cwd: stateDir,
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
        },
        stdio: ['ignore', log, log],
      });
    } finally {
      closeSync(log);
    }
  } catch (error) {
    removeStateDir();
    throw error;
  }

  try {
    await waitUntilAnswering(endpoint, child, options.startTimeoutMs ?? 15_000);
  } catch (error) {
    await stopChild(child);
    const output = tail(logFile);
    removeStateDir();
    const inUse = /EADDRINUSE/.test(output) ? ` Port ${port} is already in use.` : '';
    throw new CognitoLocalError(`${(error as Error).message}${inUse}\n--- cognito-local output (last lines) ---\n${output}`);
  }

  const { pid } = child;
  if (pid === undefined) throw new CognitoLocalError('cognito-local answered, but its process has no id.');
  return {
    endpoint,
    port,
    stateDir,
    pid,
    async stop() {
      await stopChild(child);
      removeStateDir();
    },
  };
}

function cognitoLocalBin(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('cognito-local/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin['cognito-local'];
  if (!bin) throw new CognitoLocalError('cognito-local is installed without its command (package.json has no bin).');
  return join(dirname(manifestPath), bin);
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  child.once('error', () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new CognitoLocalError(`cognito-local exited before it answered (code ${child.exitCode}).`);
    if (await answers(endpoint)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new CognitoLocalError(`cognito-local did not answer at ${endpoint} within ${timeoutMs} ms.`);
}

/** ListUserPools: the cheapest call that goes through cognito-local's router and user pool store. */
async function answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools',
      },
      body: JSON.stringify({ MaxResults: 1 }),
      signal: AbortSignal.timeout(1000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Checked before spawning: while the child loads, another server on the port would answer for it. */
function tail(file: string, lines = 30): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return '(no output)';
  }
  // pino-pretty colours its output even into a file.
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '').trimEnd();
  return plain === '' ? '(no output)' : plain.split('\n').slice(-lines).join('\n');
}
