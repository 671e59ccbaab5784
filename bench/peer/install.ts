// Installs the benchmark's peer (Amplify's AppSync simulator) into bench/peer/node_modules on first
// use, from bench/peer/package-lock.json, apart from the product's dependencies (~300 MB that
// `npm install` at the root never fetches). A stamp holding the lock file's hash skips the install
// while the lock is unchanged. A failure is returned, not thrown, so that the benchmark can report
// the peer as unavailable and go on without it.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PEER_DIR = fileURLToPath(new URL('.', import.meta.url));
const LOCK_FILE = new URL('./package-lock.json', import.meta.url);
const SIMULATOR_DIR = new URL('./node_modules/@aws-amplify/amplify-appsync-simulator/', import.meta.url);
const STAMP_FILE = new URL('./node_modules/.lock-stamp', import.meta.url);
const INSTALL_TIMEOUT_MS = 5 * 60_000;
const TAIL_LINES = 15;

export type PeerInstall = { ok: true } | { ok: false; reason: string };

/**
 * Installs the peer unless the lock's install is in place. With `install: false` (quick runs, the
 * smoke test) it only says whether it is; a missing peer is then skipped, not fetched.
 */
export async function ensurePeerInstalled(options: { install?: boolean } = {}): Promise<PeerInstall> {
  let lockHash: string;
  try {
    lockHash = createHash('sha256').update(readFileSync(LOCK_FILE)).digest('hex');
  } catch (error) {
    return { ok: false, reason: `bench/peer/package-lock.json is unreadable: ${(error as Error).message}` };
  }
  if (existsSync(SIMULATOR_DIR) && readStamp() === lockHash) return { ok: true };
  if (options.install === false) return { ok: false, reason: 'not installed, and this run does not install it (BENCH_QUICK); a full `npm run bench` does' };

  console.error('installing the peer (Amplify AppSync simulator) into bench/peer/node_modules …');
  const started = Date.now();
  const failure = await runNpmCi();
  if (failure) return { ok: false, reason: failure };
  try {
    writeFileSync(STAMP_FILE, `${lockHash}\n`);
  } catch (error) {
    console.error(`could not write bench/peer/node_modules/.lock-stamp (the next run installs again): ${(error as Error).message}`);
  }
  console.error(`peer installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { ok: true };
}

function readStamp(): string | undefined {
  try {
    return readFileSync(STAMP_FILE, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Runs `npm ci` in bench/peer, its output on our stderr; resolves with what went wrong, if anything. */
function runNpmCi(): Promise<string | undefined> {
  return new Promise((done) => {
    const tail: string[] = [];
    const keep = (chunk: Buffer): void => {
      process.stderr.write(chunk);
      tail.push(...chunk.toString().split('\n').filter((line) => line.trim() !== ''));
      tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
    };
    const child = spawn('npm', ['ci', '--no-audit', '--no-fund', '--omit=dev'], { cwd: PEER_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, INSTALL_TIMEOUT_MS);
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const lastLines = (): string => (tail.length > 0 ? `:\n${tail.join('\n')}` : '');
    child.once('error', (error) => {
      clearTimeout(timer);
      done(`npm ci could not start in bench/peer: ${error.message}`);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) done(`npm ci in bench/peer did not finish within ${INSTALL_TIMEOUT_MS / 60_000} minutes${lastLines()}`);
      else if (code === 0) done(undefined);
      else done(`npm ci in bench/peer failed (${signal ?? `exit code ${code}`})${lastLines()}`);
    });
  });
}
