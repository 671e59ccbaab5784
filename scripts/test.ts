// `npm test`: the build where it is stale (scripts/build.ts), then every vitest project, as two
// vitest runs side by side — the e2e project in one, the
// others in the other. In a single run, vitest gives the files of a project without file
// parallelism (e2e: one file at a time, see vitest.config.ts) a group of their own that starts
// only once every other project's files have ended, on one worker; and it starts every project's
// global setup (the e2e's whole local stack) one after another before the first test of any. So
// the e2e files, which mostly wait (on the bus, the sweeps, payment and URL expiry, processes
// starting), ran alone at the end with the second core idle, after the unit tests had waited for
// the stack. Side by side, the unit and integration tests fill that core.
//
// The other run's output is shown as it comes; the e2e run's is held until the other has ended
// (two reporters drawing on one terminal would garble both), then shown, and followed live. The
// exit code is the first failure's. With arguments (`npm test -- test/unit/x.test.ts`,
// `npm test -- --project unit`) it is one plain `vitest run` with them.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../system/artifacts.ts';
import { buildAll } from './build.ts';

/** The project that runs in a vitest run of its own (its files go one at a time). */
export const SEPARATE_PROJECT = 'e2e';

/** vitest's command (its package exports no path to it). */
const VITEST = join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');

/** The vitest runs `npm test` makes for these arguments: each an argument list for `vitest`. */
export function testRuns(args: readonly string[]): string[][] {
  if (args.length > 0) return [['run', ...args]];
  return [
    ['run', '--project', `!${SEPARATE_PROJECT}`],
    ['run', '--project', SEPARATE_PROJECT],
  ];
}

function vitest(args: readonly string[], output: 'inherit' | 'pipe'): ChildProcess {
  return spawn(process.execPath, [VITEST, ...args], {
    cwd: REPO_ROOT,
    // Its output goes through a pipe here; colours as the terminal would show them.
    env: output === 'pipe' && process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env,
    stdio: ['inherit', output, output],
  });
}

function exitOf(child: ChildProcess): Promise<number> {
  return new Promise((done) => {
    child.once('error', () => done(1));
    child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

async function main(args: readonly string[]): Promise<number> {
  const [shown, held] = testRuns(args);
  if (!held) return exitOf(vitest(shown!, 'inherit'));
  const first = vitest(shown!, 'inherit');
  const second = vitest(held, 'pipe');
  // A terminal's Ctrl-C reaches both (one process group); a signal sent to this process alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      for (const child of [first, second]) if (child.exitCode === null) child.kill(signal);
    });
  }
  const heldChunks: { stream: NodeJS.WriteStream; chunk: Buffer }[] = [];
  let live = false;
  const relay = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
    if (live) stream.write(chunk);
    else heldChunks.push({ stream, chunk });
  };
  second.stdout!.on('data', relay(process.stdout));
  second.stderr!.on('data', relay(process.stderr));
  const secondExit = exitOf(second);
  const firstCode = await exitOf(first);
  process.stdout.write(`\n── vitest run --project ${SEPARATE_PROJECT} (side by side with the run above) ──\n\n`);
  for (const { stream, chunk } of heldChunks.splice(0)) stream.write(chunk);
  live = true;
  const secondCode = await secondExit;
  return firstCode !== 0 ? firstCode : secondCode;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildAll({ ifStale: true, log: (line) => console.log(line) });
  process.exitCode = await main(process.argv.slice(2));
}
