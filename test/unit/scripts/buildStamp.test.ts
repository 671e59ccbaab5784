// The build's staleness check (scripts/buildStamp.ts), on a small project of its own built with
// esbuild as the real builds are: `npm start` and `npm test` skip a build only while it says
// current, so every kind of change must make it say stale.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStamp, STAMP_FILE, staleness, writeStamp, type BuildInputs } from '../../../scripts/buildStamp.ts';
import { buildResolvers, resolverEntryPoints } from '../../../scripts/buildResolvers.ts';
import { buildAll, type Build } from '../../../scripts/build.ts';
import { REPO_ROOT } from '../../../system/artifacts.ts';

let root: string;
let outdir: string;
const file = (path: string): string => join(root, path);

function project(): BuildInputs {
  return { entryPoints: [file('src/a.ts')], fixedInputs: [file('build.ts'), file('package-lock.json')] };
}

/** Builds the project as the real builds are (metafile inputs and outputs) and stamps it. */
async function buildAndStamp(inputs = project()): Promise<boolean> {
  const started = Date.now();
  removeStamp(outdir);
  const result = await build({
    entryPoints: inputs.entryPoints as string[],
    outdir,
    bundle: true,
    format: 'esm',
    absWorkingDir: root,
    metafile: true,
    logLevel: 'silent',
  });
  return writeStamp(
    outdir,
    inputs,
    Object.keys(result.metafile.inputs).map((path) => resolve(root, path)),
    Object.keys(result.metafile.outputs).map((path) => resolve(root, path)),
    started,
  );
}

/** An edit after the build. */
function edit(path: string, text: string): void {
  writeFileSync(file(path), text);
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'build-stamp-'));
  outdir = file('out');
  mkdirSync(file('src'));
  mkdirSync(file('node_modules/dep'), { recursive: true });
  writeFileSync(file('node_modules/dep/index.js'), 'export const dep = 1;\n');
  writeFileSync(file('node_modules/dep/package.json'), '{"name":"dep","main":"index.js"}\n');
  writeFileSync(
    file('src/a.ts'),
    "import { shared } from './shared.ts';\nimport { dep } from 'dep';\nexport const a = shared + dep;\n",
  );
  writeFileSync(file('src/shared.ts'), 'export const shared = 1;\n');
  writeFileSync(file('build.ts'), '// the build script\n');
  writeFileSync(file('package-lock.json'), '{"lockfileVersion":3}\n');
  // Sources older than the build: as a checkout is by the time it is built.
  const past = new Date(Date.now() - 60_000);
  for (const path of ['src/a.ts', 'src/shared.ts', 'build.ts', 'package-lock.json', 'node_modules/dep/index.js']) {
    utimesSync(file(path), past, past);
  }
  expect(await buildAndStamp()).toBe(true);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the build stamp', () => {
  it('says a fresh build is current, and a folder never built is stale', () => {
    expect(staleness(outdir, project())).toBeUndefined();
    expect(staleness(file('elsewhere'), project())).toBe('never built (no stamp)');
  });

  it('says stale when a file the entry point imports changes, and current again once it is as built', () => {
    edit('src/shared.ts', 'export const shared = 2;\n');
    expect(staleness(outdir, project())).toBe('an input changed since the build');
    // By content, not by time: putting it back as it was makes the build current again.
    edit('src/shared.ts', 'export const shared = 1;\n');
    expect(staleness(outdir, project())).toBeUndefined();
  });

  it('says stale when an entry point changes or an input is removed', () => {
    const original = readFileSync(file('src/a.ts'), 'utf8');
    edit('src/a.ts', "import { shared } from './shared.ts';\nexport const a = shared;\n");
    expect(staleness(outdir, project())).toBe('an input changed since the build');
    edit('src/a.ts', original);
    expect(staleness(outdir, project())).toBeUndefined();
    rmSync(file('src/shared.ts'));
    expect(staleness(outdir, project())).toBe('an input changed since the build');
  });

  it('says stale when an entry point is added (a new resolver)', () => {
    edit('src/b.ts', 'export const b = 2;\n');
    expect(staleness(outdir, { ...project(), entryPoints: [file('src/a.ts'), file('src/b.ts')] })).toBe(
      'an input changed since the build',
    );
  });

  it('says stale when the build script or the lock file changes, or a fixed input appears', () => {
    edit('build.ts', '// the build script, changed\n');
    expect(staleness(outdir, project())).toBe('an input changed since the build');
    edit('build.ts', '// the build script\n');
    expect(staleness(outdir, project())).toBeUndefined();
    edit('package-lock.json', '{"lockfileVersion":3,"packages":{}}\n');
    expect(staleness(outdir, project())).toBe('an input changed since the build');
    edit('package-lock.json', '{"lockfileVersion":3}\n');
    const withInstalled = { ...project(), fixedInputs: [...project().fixedInputs, file('node_modules/.package-lock.json')] };
    expect(staleness(outdir, withInstalled)).toBe('an input changed since the build');
  });

  it('does not hash packages file by file: the lock files stand for node_modules', () => {
    const stamp = JSON.parse(readFileSync(join(outdir, STAMP_FILE), 'utf8')) as { inputs: string[] };
    expect(stamp.inputs).toEqual(['../src/a.ts', '../src/shared.ts']);
  });

  it('says stale when an output is changed or removed since the build', () => {
    writeFileSync(join(outdir, 'a.js'), '// rewritten\n');
    expect(staleness(outdir, project())).toBe('a.js changed or missing since the build');
    rmSync(join(outdir, 'a.js'));
    expect(staleness(outdir, project())).toBe('a.js changed or missing since the build');
  });

  it('says stale after a build that stopped halfway: the stamp is removed before building', () => {
    removeStamp(outdir);
    expect(staleness(outdir, project())).toBe('never built (no stamp)');
  });

  it('writes no stamp when an input changed while the build ran (esbuild may have read it before)', async () => {
    // Its time after the build's start, as an edit saved while esbuild runs has.
    const during = new Date(Date.now() + 10_000);
    utimesSync(file('src/shared.ts'), during, during);
    expect(await buildAndStamp()).toBe(false);
    expect(staleness(outdir, project())).toBe('never built (no stamp)');
  });
});

describe('the resolver build', () => {
  it('stamps the shared code the resolvers import (domain/), not only resolvers/', async () => {
    const out = mkdtempSync(join(tmpdir(), 'resolver-build-'));
    try {
      const result = await buildResolvers(out);
      const inputs = result.inputs.map((path) => path.slice(REPO_ROOT.length + 1));
      expect(inputs).toEqual(expect.arrayContaining(['resolvers/Query.getProduct.ts', 'domain/order.ts']));
      expect(result.outputs).toHaveLength(resolverEntryPoints().length);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('buildAll', () => {
  /** A build of the project above whose runs are counted. */
  function countedBuild(): Build & { runs: () => number } {
    let runs = 0;
    return {
      name: 'project',
      outdir,
      inputs: project,
      run: async () => {
        runs += 1;
        const result = await build({
          entryPoints: [file('src/a.ts')],
          outdir,
          bundle: true,
          format: 'esm',
          absWorkingDir: root,
          metafile: true,
        });
        return {
          inputs: Object.keys(result.metafile.inputs).map((path) => resolve(root, path)),
          outputs: Object.keys(result.metafile.outputs).map((path) => resolve(root, path)),
        };
      },
      describe: () => 'built',
      runs: () => runs,
    };
  }

  it('with ifStale, skips a current build and builds a stale one, stamping it current', async () => {
    const counted = countedBuild();
    expect(await buildAll({ ifStale: true }, [counted])).toEqual([]);
    expect(counted.runs()).toBe(0);

    edit('src/shared.ts', 'export const shared = 4;\n');
    const past = new Date(Date.now() - 10_000);
    utimesSync(file('src/shared.ts'), past, past);
    const lines: string[] = [];
    expect(await buildAll({ ifStale: true, log: (line) => lines.push(line) }, [counted])).toEqual(['project']);
    expect(counted.runs()).toBe(1);
    expect(lines[0]).toBe('the project build is stale: an input changed since the build.');
    expect(readFileSync(join(outdir, 'a.js'), 'utf8')).toContain('shared = 4');
    expect(staleness(outdir, project())).toBeUndefined();
  });

  it('without ifStale (`npm run build`), always builds', async () => {
    const counted = countedBuild();
    expect(await buildAll({}, [counted])).toEqual(['project']);
    expect(counted.runs()).toBe(1);
  });
});
