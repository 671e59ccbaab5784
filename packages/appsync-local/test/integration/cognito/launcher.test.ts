import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CognitoLocalError } from '../../../src/cognito/errors.ts';
import { type CognitoLocal, LOG_FILE, startCognitoLocal } from '../../../src/cognito/launcher.ts';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: Parameters<typeof startCognitoLocal>[0] = {}): Promise<CognitoLocal> {
  const cognito = await startCognitoLocal(options);
  cleanups.push(() => cognito.stop());
  return cognito;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function temporaryDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('startCognitoLocal', () => {
  it('answers the Cognito API on a free port of 127.0.0.1', async () => {
    const cognito = await start();
    expect(cognito.endpoint).toBe(`http://127.0.0.1:${cognito.port}`);
    const response = await fetch(cognito.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools',
      },
      body: '{"MaxResults":10}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ UserPools: [] });
  });

  it('writes its output to a log file in the state dir, without the AWS SDK v2 end-of-support notice', async () => {
    const cognito = await start();
    const log = readFileSync(join(cognito.stateDir, LOG_FILE), 'utf8');
    expect(log).toContain(`Cognito Local running on http://127.0.0.1:${cognito.port}`);
    expect(log).not.toContain('end-of-support');
    expect(existsSync(join(cognito.stateDir, '.cognito', 'db'))).toBe(true);
  });

  it('stops without leaving a process and removes its temporary state dir', async () => {
    const cognito = await startCognitoLocal();
    expect(isRunning(cognito.pid)).toBe(true);
    await cognito.stop();
    expect(isRunning(cognito.pid)).toBe(false);
    expect(existsSync(cognito.stateDir)).toBe(false);
    await expect(fetch(cognito.endpoint, { signal: AbortSignal.timeout(1000) })).rejects.toThrow();
  });

  it('keeps a state dir it was given', async () => {
    const stateDir = temporaryDir();
    const cognito = await startCognitoLocal({ stateDir });
    await cognito.stop();
    expect(isRunning(cognito.pid)).toBe(false);
    expect(existsSync(join(stateDir, '.cognito', 'config.json'))).toBe(true);
    expect(existsSync(join(stateDir, LOG_FILE))).toBe(true);
  });

  it('refuses a port that is in use, saying so', async () => {
    const server: Server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const failure = startCognitoLocal({ port });
    await expect(failure).rejects.toThrow(CognitoLocalError);
    await expect(failure).rejects.toThrow(`port ${port} is already in use`);
  });

  it('shows the tail of its output when it fails to start', async () => {
    const stateDir = temporaryDir();
    // A file where cognito-local keeps its database folder makes it fail while it starts.
    mkdirSync(join(stateDir, '.cognito'));
    writeFileSync(join(stateDir, '.cognito', 'db'), 'not a folder');
    const failure = startCognitoLocal({ stateDir, startTimeoutMs: 10_000 });
    await expect(failure).rejects.toThrow(/cognito-local exited before it answered \(code 1\)[\s\S]*--- cognito-local output/);
    await expect(failure).rejects.toThrow(/EEXIST|ENOTDIR/);
  });
});
