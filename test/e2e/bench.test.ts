// Smoke test of `npm run bench`: a tiny run (BENCH_QUICK=1) must finish and print every section's
// table. It asserts the tables' shape only, never a figure: figures depend on the machine.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TIMEOUT_MS = 240_000;

function runQuickBench(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn('npx', ['tsx', 'bench/run.ts'], {
      cwd: ROOT,
      env: { ...process.env, BENCH_QUICK: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGINT'), TIMEOUT_MS);
    child.once('error', fail);
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

it(
  'runs a quick benchmark and prints every table',
  async () => {
    const { code, stdout, stderr } = await runQuickBench();
    expect(code, `bench/run.ts failed:\n${stderr}`).toBe(0);
    expect(stdout).toMatch(/^server\s+req\/s\s+p50 ms\s+p99 ms\s+CPU µs\/req\s+DynamoDB CPU µs\/req\s+requests\s+failures$/m);
    expect(stdout).toMatch(/^DynamoDB Local GetItem \(floor\)\s+\d+/m);
    expect(stdout).toMatch(/^local AppSync runtime\s+\S+/m);
    expect(stdout).toMatch(/^runtime ÷ floor\s+\S+/m);
    expect(stdout).toMatch(/^bare graphql-js\s+\S+/m);
    expect(stdout).toMatch(/^runtime ÷ bare\s+\S+/m);
    // The peer is measured where it is installed; a quick run never installs it.
    expect(stdout).toMatch(/^(amplify-appsync-simulator\s+\d|amplify-appsync-simulator: not measured)/m);
    expect(stdout).toMatch(/^resolver \(request \+ response\)\s+p50 µs\s+p99 µs/m);
    expect(stdout).toMatch(/^code cache hit rate: /m);
    expect(stdout).toMatch(/^per request\s+p50 µs\s+p99 µs\s+calls$/m);
    expect(stdout).toMatch(/^Lambda bundles as the CDK app deploys them/m);
    expect(stdout).toMatch(/^APPSYNC_JS bundles \(build\/resolvers\) against AppSync's code limit/m);
    expect(stdout).toMatch(/^checkout \(placeOrder\)\s+orders\/s\s+p50 ms\s+p99 ms/m);
    expect(stdout).toMatch(/^fan-out \(publishOrderStatus → data\)\s+p50 ms\s+p99 ms/m);
    expect(stdout).toMatch(/^start-up of `npx tsx local\/start\.ts` \(1 run\)/m);
    expect(stdout).toMatch(/^test suite: not run \(a quick run is one of the suite’s tests/m);
  },
  TIMEOUT_MS + 10_000,
);
