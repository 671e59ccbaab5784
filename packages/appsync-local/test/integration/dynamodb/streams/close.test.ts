import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../..');

function runToExit(script: string, timeoutMs: number): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      env: { ...process.env, DYNAMODB_ENDPOINT: inject('dynamodbEndpoint') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, output, timedOut });
    });
  });
}

describe('close()', () => {
  it('leaves no timer or socket behind: the process exits by itself', async () => {
    const result = await runToExit(join(here, 'fixtures/pollAndClose.ts'), 20_000);

    expect(result.timedOut, `the process did not exit after close():\n${result.output}`).toBe(false);
    expect(result.code, result.output).toBe(0);
    const [, closeMs] = /handled [23], closed in (\d+) ms/.exec(result.output) ?? [];
    // Waits end at close() rather than running out: idle polls and shard listing wait up to a second.
    expect(Number(closeMs), result.output).toBeLessThan(500);
    expect(result.output).toContain('active after close: []');
  });
});
