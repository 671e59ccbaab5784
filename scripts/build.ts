// `npm run build`: the resolver bundles (build/resolvers/) and the explorer's browser bundle
// (packages/appsync-local/build/explorer/), side by side in one esbuild service, each stamped
// (scripts/buildStamp.ts). `--if-stale` builds only what is stale: `npm test` runs it that way,
// and `npm start` calls buildIfStale() itself, so that neither pays for a build whose output is
// current, and neither ever runs on a stale one.
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildExplorer } from '../packages/appsync-local/scripts/buildExplorer.ts';
import { EXPLORER_BUNDLE_DIR, EXPLORER_SOURCE_ENTRY } from 'appsync-local/explorer/bundle.ts';
import { REPO_ROOT, RESOLVER_BUNDLE_DIR, RESOLVER_SOURCE_DIR } from '../system/artifacts.ts';
import { type BuildInputs, removeStamp, staleness, writeStamp } from './buildStamp.ts';
import { buildResolvers, resolverEntryPoints } from './buildResolvers.ts';

export interface Build {
  readonly name: string;
  readonly outdir: string;
  /** Read each time: a resolver added since the last build is an input of this one. */
  inputs(): BuildInputs;
  run(): Promise<{ inputs: string[]; outputs: string[] }>;
  describe(result: { outputs: string[] }, ms: number): string;
}

/**
 * What every build depends on beside what esbuild reads: the installed packages (the lock files;
 * npm rewrites node_modules/.package-lock.json on every install), the TypeScript settings esbuild
 * follows, this script and the stamp's rules.
 */
const SHARED_INPUTS = [
  join(REPO_ROOT, 'package-lock.json'),
  join(REPO_ROOT, 'node_modules', '.package-lock.json'),
  join(REPO_ROOT, 'tsconfig.json'),
  fileURLToPath(import.meta.url),
  fileURLToPath(new URL('./buildStamp.ts', import.meta.url)),
];

export const BUILDS: readonly Build[] = [
  {
    name: 'resolvers',
    outdir: RESOLVER_BUNDLE_DIR,
    inputs: () => ({
      entryPoints: resolverEntryPoints(),
      fixedInputs: [
        ...SHARED_INPUTS,
        join(RESOLVER_SOURCE_DIR, 'tsconfig.json'),
        fileURLToPath(new URL('./buildResolvers.ts', import.meta.url)),
        join(REPO_ROOT, 'system', 'artifacts.ts'),
      ],
    }),
    run: () => buildResolvers(),
    describe: ({ outputs }, ms) =>
      `bundled ${outputs.length} resolvers into ${relative(process.cwd(), RESOLVER_BUNDLE_DIR)}/ in ${ms} ms`,
  },
  {
    name: 'explorer',
    outdir: EXPLORER_BUNDLE_DIR,
    inputs: () => {
      const packageDir = join(dirname(EXPLORER_SOURCE_ENTRY), '..', '..', '..');
      return {
        entryPoints: [EXPLORER_SOURCE_ENTRY],
        fixedInputs: [
          ...SHARED_INPUTS,
          join(packageDir, 'package.json'),
          join(packageDir, 'scripts', 'buildExplorer.ts'),
          join(packageDir, 'src', 'explorer', 'bundle.ts'),
          join(packageDir, 'src', 'explorer', 'app', 'tsconfig.json'),
        ],
      };
    },
    run: () => buildExplorer(),
    describe: ({ outputs }, ms) =>
      `bundled the explorer into ${relative(process.cwd(), EXPLORER_BUNDLE_DIR)}/ in ${ms} ms (${outputs.length} files)`,
  },
];

export interface BuildOptions {
  /** Only the builds whose output is stale (buildStamp.ts); otherwise every build. */
  readonly ifStale?: boolean;
  readonly log?: (line: string) => void;
}

/** Builds (all, or the stale ones), each stamped; resolves with the names of those built. */
export async function buildAll(options: BuildOptions = {}, builds: readonly Build[] = BUILDS): Promise<string[]> {
  const log = options.log ?? (() => undefined);
  const due = builds.flatMap((build) => {
    if (!options.ifStale) return [build];
    const why = staleness(build.outdir, build.inputs());
    if (why) log(`the ${build.name} build is stale: ${why}.`);
    return why ? [build] : [];
  });
  await Promise.all(
    due.map(async (build) => {
      const started = Date.now();
      removeStamp(build.outdir);
      const result = await build.run();
      const stamped = writeStamp(build.outdir, build.inputs(), result.inputs, result.outputs, started);
      log(build.describe(result, Date.now() - started));
      if (!stamped) log(`an input of the ${build.name} build changed while it ran: not stamped, it builds again next time.`);
    }),
  );
  return due.map((build) => build.name);
}

/** What `npm start` runs first: the stale builds, told in a line; nothing when all are current. */
export async function buildIfStale(log: (line: string) => void): Promise<void> {
  await buildAll({ ifStale: true, log });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ifStale = process.argv.slice(2).includes('--if-stale');
  const built = await buildAll({ ifStale, log: (line) => console.log(line) });
  if (ifStale && built.length === 0) console.log('the build is current (resolvers and explorer): nothing to build.');
}
