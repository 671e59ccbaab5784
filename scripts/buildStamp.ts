// Whether a build's output is current, so that `npm start` and `npm test` can skip a build that
// would only write the same bytes again (`npm run build` always builds). After each build a stamp
// is written beside its output: the hash of every input it was made from — each file esbuild
// read (its metafile), the entry points, and the fixed inputs the caller names (the build
// scripts, tsconfig, the lock files) — and the hash of every file it wrote. The build is current
// only while each of those inputs and outputs still hashes the same: an edited, added or removed
// source or build script, a new resolver, an `npm install` that changed a package, or an output
// rewritten or deleted since (another build, by hand) each make it stale. Packages under
// node_modules are not hashed file by file (thousands of files); the lock files stand for them.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/** The stamp's file, in the build's output folder. */
export const STAMP_FILE = '.build-stamp.json';

/** Bumped when what a stamp covers changes: an older stamp is then stale. */
const STAMP_VERSION = 1;

export interface BuildInputs {
  /** Absolute paths of the entry points: a resolver added or removed changes what is built. */
  readonly entryPoints: readonly string[];
  /** Absolute paths of the files the output depends on whatever esbuild reports: the build's own scripts, configuration, lock files. */
  readonly fixedInputs: readonly string[];
}

interface Stamp {
  readonly version: number;
  /** The hash of the inputs below, the entry points and the fixed inputs. */
  readonly inputsHash: string;
  /** What esbuild read outside node_modules, relative to the output folder. */
  readonly inputs: readonly string[];
  /** Each file written, relative to the output folder, with its hash. */
  readonly outputs: Readonly<Record<string, string>>;
}

/** Before a build: a build that stops halfway leaves no stamp, and is built again next time. */
export function removeStamp(outdir: string): void {
  rmSync(join(outdir, STAMP_FILE), { force: true });
}

/**
 * After a build that began at `startedAt` (ms since the epoch): what it read (`readInputs`,
 * absolute, as esbuild's metafile lists them) and wrote. An input modified since the build began
 * may have been read before the change: then no stamp is written (false), and the next start builds.
 */
export function writeStamp(
  outdir: string,
  build: BuildInputs,
  readInputs: readonly string[],
  outputs: readonly string[],
  startedAt: number,
): boolean {
  const inputs = [...new Set(readInputs.filter((path) => !isPackageFile(path)).map((path) => relative(outdir, path)))].sort();
  const all = [...inputs.map((path) => resolve(outdir, path)), ...build.fixedInputs, ...build.entryPoints];
  if (all.some((path) => modifiedSince(path, startedAt))) return false;
  const stamp: Stamp = {
    version: STAMP_VERSION,
    inputsHash: hashInputs(outdir, build, inputs),
    inputs,
    outputs: Object.fromEntries(
      outputs
        .map((path) => relative(outdir, path))
        .sort()
        .map((path) => [path, hashFile(join(outdir, path))]),
    ),
  };
  writeFileSync(join(outdir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
  return true;
}

/** Why the build in `outdir` is stale, or undefined when it is current. */
export function staleness(outdir: string, build: BuildInputs): string | undefined {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(join(outdir, STAMP_FILE), 'utf8')) as Stamp;
  } catch {
    return 'never built (no stamp)';
  }
  if (stamp.version !== STAMP_VERSION) return 'built by an older build script';
  for (const [path, hash] of Object.entries(stamp.outputs)) {
    if (tryHashFile(join(outdir, path)) !== hash) return `${path} changed or missing since the build`;
  }
  return hashInputs(outdir, build, stamp.inputs) === stamp.inputsHash ? undefined : 'an input changed since the build';
}

function hashInputs(outdir: string, build: BuildInputs, inputs: readonly string[]): string {
  const hash = createHash('sha256').update(`stamp ${STAMP_VERSION}\n`);
  for (const entry of [...build.entryPoints].map((path) => relative(outdir, path)).sort()) hash.update(`entry ${entry}\n`);
  const files = [...new Set([...inputs, ...build.fixedInputs.map((path) => relative(outdir, path))])].sort();
  // A file removed since (or a lock file not there yet) hashes as absent: any change of it shows.
  for (const path of files) hash.update(`file ${path} ${tryHashFile(resolve(outdir, path)) ?? 'absent'}\n`);
  return hash.digest('hex');
}

function hashFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function tryHashFile(path: string): string | undefined {
  try {
    return hashFile(path);
  } catch {
    return undefined;
  }
}

function isPackageFile(path: string): boolean {
  return path.split(sep).includes('node_modules');
}

/** Whether the file changed at or after `time` (a file that is not there has not). */
function modifiedSince(path: string, time: number): boolean {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat !== undefined && stat.mtimeMs >= time;
}
