// Bundles each resolver and pipeline function into one ESM file, as AWS recommends for
// APPSYNC_JS: `@aws-appsync/utils` stays external (AppSync provides it). The bundles in
// build/resolvers/ are what both AppSync and the local runtime execute. `npm run build` runs it
// with the explorer's build (scripts/build.ts), which stamps both.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RESOLVER_BUNDLE_DIR, RESOLVER_SOURCE_DIR } from '../system/artifacts.ts';

export interface ResolverBuildResult {
  outdir: string;
  /** Absolute paths of the files esbuild read (node_modules included) and wrote. */
  inputs: string[];
  outputs: string[];
}

/** Every resolver and pipeline function source: the build's entry points. */
export function resolverEntryPoints(): string[] {
  return [...listSources(RESOLVER_SOURCE_DIR), ...listSources(join(RESOLVER_SOURCE_DIR, 'functions'))];
}

export async function buildResolvers(outdir = RESOLVER_BUNDLE_DIR): Promise<ResolverBuildResult> {
  const result = await build({
    entryPoints: resolverEntryPoints(),
    outdir,
    outbase: RESOLVER_SOURCE_DIR,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'esnext',
    external: ['@aws-appsync/utils'],
    sourcemap: 'inline',
    sourcesContent: false,
    minify: false,
    logLevel: 'warning',
    metafile: true,
  });
  // The metafile's paths are relative to esbuild's working directory, this process's.
  return {
    outdir,
    inputs: Object.keys(result.metafile.inputs).map((path) => resolve(path)),
    outputs: Object.keys(result.metafile.outputs).map((path) => resolve(path)),
  };
}

function listSources(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts')).map((name) => join(dir, name));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { outdir, outputs } = await buildResolvers();
  console.log(`bundled ${outputs.length} resolvers into ${relative(process.cwd(), outdir)}/`);
}
