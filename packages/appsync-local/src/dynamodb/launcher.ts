// Starts Amazon's DynamoDB Local as a child process — in memory, or keeping its tables in a folder
// (`-dbPath`) across restarts — waits until it answers, and stops it cleanly. The jar is fetched at
// install time by fetchJar.mjs into .cache/.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../ports.ts';
import { stopChild } from '../processes.ts';

export const DYNAMODB_LOCAL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../.cache/dynamodb-local');

/** The origins DynamoDB Local answers CORS requests of (its `-cors` allow-list). */
export const DYNAMODB_LOCAL_CORS_ORIGINS = 'http://127.0.0.1,http://localhost';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The Java process's id (to find it again after a crash of the process that started it). */
  readonly pid: number;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** How long to wait for the first answer. */
  startTimeoutMs?: number;
  /**
   * A folder to keep the tables in (`-dbPath`, one shared file there): they survive a restart.
   * Absent: in memory (`-inMemory`), gone when it stops.
   */
  dbPath?: string;
  /**
   * How the JVM is tuned. `start` (the default): answers soonest (C1 JIT only, a small heap, the
   * serial collector), for `npm start` and the tests. `throughput`: the JVM's own defaults (C1
   * then C2), slower to start and to warm up. `npm run bench` measures both.
   */
  jvm?: DynamoDbLocalJvm;
}

export type DynamoDbLocalJvm = 'start' | 'throughput';

/** The JVM options of each tuning (before `-jar`). */
export const JVM_OPTIONS: Readonly<Record<DynamoDbLocalJvm, readonly string[]>> = {
  start: ['-Xms64m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'],
  throughput: [],
};

export class DynamoDbLocalError extends Error {
  override name = 'DynamoDbLocalError';
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const jar = join(DYNAMODB_LOCAL_DIR, 'DynamoDBLocal.jar');
  if (!existsSync(jar)) {
    throw new DynamoDbLocalError(
      `DynamoDB Local is not installed (${jar} is missing). Run \`npm install\`: it fetches DynamoDB Local into .cache/.`,
    );
  }
  const port = options.port || (await findFreePort());
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const child = spawn(
    'java',
    [
      ...JVM_OPTIONS[options.jvm ?? 'start'],
      `-Djava.library.path=${join(DYNAMODB_LOCAL_DIR, 'DynamoDBLocal_lib')}`,
      '-jar',
      jar,
      ...(options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory']),
      '-sharedDb',
      '-disableTelemetry',
      // Its CORS default is `*`: any web page could read and write the tables. No page of the
      // stack talks to it directly (the explorer goes through AppSync), so only loopback origins.
      '-cors',
      DYNAMODB_LOCAL_CORS_ORIGINS,
      '-port',
      String(port),
    ],
    { cwd: DYNAMODB_LOCAL_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // No `java -version` first: that would start (and block the event loop on) a second JVM. A
  // missing `java` shows as the spawn's error instead.
  const javaMissing = new Promise<never>((_, fail) =>
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ENOENT'
          ? javaNotFoundError()
          : new DynamoDbLocalError(`DynamoDB Local could not start: ${error.message}`),
      ),
    ),
  );
  javaMissing.catch(() => {});
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([javaMissing, waitUntilAnswering(endpoint, child, options.startTimeoutMs ?? 30_000)]);
  } catch (error) {
    if (error instanceof DynamoDbLocalError && child.pid === undefined) throw error;
    await stopChild(child);
    throw new DynamoDbLocalError(`${(error as Error).message}\n${output.join('')}`);
  }
  const { pid } = child;
  if (pid === undefined) throw new DynamoDbLocalError('DynamoDB Local answered, but its process has no id.');
  return { endpoint, port, pid, stop: () => stopChild(child) };
}

function javaNotFoundError(): DynamoDbLocalError {
  return new DynamoDbLocalError(
    'DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH. ' +
      'Install a JRE (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`; macOS: `brew install openjdk@17`).',
  );
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new DynamoDbLocalError(`DynamoDB Local exited before it answered (code ${child.exitCode}).`);
    if (await dynamoDbLocalAnswers(endpoint)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new DynamoDbLocalError(`DynamoDB Local did not answer at ${endpoint} within ${timeoutMs} ms.`);
}

/** A ListTables call with dummy credentials: DynamoDB Local checks the signature's shape, not its key. */
export async function dynamoDbLocalAnswers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        authorization:
          'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: '{}',
      signal: AbortSignal.timeout(1000),
    });
    return response.ok;
  } catch {
    return false;
  }
}
