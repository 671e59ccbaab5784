// Bundles each resolver and pipeline function into one ESM file, as AWS recommends for
// APPSYNC_JS: `@aws-appsync/utils` stays external (AppSync provides it). The bundles in
// build/resolvers/ are what both AppSync and the local runtime execute.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RESOLVER_BUNDLE_DIR, RESOLVER_SOURCE_DIR } from '../system/artifacts.ts';

const entryPoints = [...listSources(RESOLVER_SOURCE_DIR), ...listSources(join(RESOLVER_SOURCE_DIR, 'functions'))];

const result = await build({
  entryPoints,
  outdir: RESOLVER_BUNDLE_DIR,
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

const outputs = Object.keys(result.metafile.outputs);
console.log(`bundled ${outputs.length} resolvers into ${relative(process.cwd(), RESOLVER_BUNDLE_DIR)}/`);

function listSources(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts')).map((name) => join(dir, name));
}
