import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort, isPortFree } from 'appsync-local/ports.ts';
import { PORT_DEFAULTS } from '../../local/stackPorts.ts';
import { REPO_ROOT } from '../../system/artifacts.ts';

const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Free ports for every listener, and a state folder of the test's own (not the checkout's .local-state/). */
async function freePortEnvironment(stateDir = mkdtempSync(join(tmpdir(), 'start-state-'))): Promise<Record<string, string>> {
  const environment: Record<string, string> = { LOCAL_STATE_DIR: stateDir };
  for (const { variable } of Object.values(PORT_DEFAULTS)) environment[variable] = String(await findFreePort());
  return environment;
}

async function untilReady(started: { child: ChildProcess; output: () => string }): Promise<void> {
  const readyOrExited = () => started.output().includes('Ctrl-C stops everything.') || started.child.exitCode !== null;
  await expect
    .poll(readyOrExited, { timeout: 60_000, interval: 100, message: 'npm start neither got ready nor exited' })
    .toBe(true);
  expect(started.output()).toContain('Ready in');
}

function startCommand(environment: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Every process below `pid`, as the kernel reports them. */
function descendantsOf(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((done) => child.once('exit', (code) => done(code)));
}

describe('npm start', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints the endpoints and demo users, writes the outputs, and stops every process on %s',
    async (signal) => {
      const outputsFile = join(mkdtempSync(join(tmpdir(), 'start-')), 'amplify_outputs.json');
      const started = startCommand({ ...(await freePortEnvironment()), AMPLIFY_OUTPUTS_FILE: outputsFile });
      const { child, output } = started;
      await untilReady(started);
      expect(output()).toContain('admin@example.com');
      const outputs = JSON.parse(readFileSync(outputsFile, 'utf8'));
      expect(output()).toContain(outputs.custom.local.graphqlUrl);

      const processes = descendantsOf(child.pid!);
      expect(processes.length).toBeGreaterThanOrEqual(2);
      child.kill(signal);
      expect(await exitOf(child)).toBe(0);
      await expect.poll(() => processes.filter(isAlive), { timeout: 10_000, interval: 100 }).toEqual([]);
    },
    90_000,
  );

  it('comes up cleanly after being killed with SIGKILL: what it left running is found and stopped', async () => {
    const environment = await freePortEnvironment();
    const first = startCommand(environment);
    await untilReady(first);
    const leftovers = descendantsOf(first.child.pid!);
    first.child.kill('SIGKILL');
    await exitOf(first.child);
    // DynamoDB Local and cognito-local outlive it, holding their ports.
    expect(leftovers.filter(isAlive).length).toBeGreaterThanOrEqual(2);

    const second = startCommand(environment);
    await untilReady(second);
    expect(second.output()).toMatch(/A previous run left (dynamodb|cognito) running \(process \d+\); stopping it\./);
    expect(leftovers.filter(isAlive)).toEqual([]);
    second.child.kill('SIGINT');
    expect(await exitOf(second.child)).toBe(0);
  }, 150_000);

  it('refuses to start on a port in use, naming the port and the variable, and starts nothing', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const taken = (blocker.address() as { port: number }).port;
    const environment: Record<string, string> = { ...(await freePortEnvironment()), APPSYNC_PORT: String(taken) };
    const { child, output } = startCommand(environment);
    expect(await exitOf(child)).toBe(1);
    expect(output()).toContain(`port ${taken} is already in use; set APPSYNC_PORT to another port`);
    for (const variable of ['DYNAMODB_PORT', 'COGNITO_PORT', 'EVENT_BUS_PORT', 'PAYMENT_PROVIDER_PORT']) {
      expect(await isPortFree(Number(environment[variable]))).toBe(true);
    }
    await new Promise((done) => blocker.close(done));
  }, 30_000);
});
