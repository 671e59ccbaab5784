// Bundles the GraphQL explorer (src/explorer/app) for the browser: one minified JS file and
// one CSS file (GraphiQL's included, its fonts inlined) in build/explorer/, served by
// src/explorer/serve.ts. Nothing is left to fetch from elsewhere at run time.
import { build } from 'esbuild';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXPLORER_ASSETS, EXPLORER_BUNDLE_DIR, EXPLORER_SOURCE_ENTRY } from '../src/explorer/bundle.ts';

export interface ExplorerBuildResult {
  outdir: string;
  /** Bytes of each file written, by file name. */
  files: Record<string, number>;
  /** Absolute paths of the files esbuild read (node_modules included) and wrote: what the repository's build stamps. */
  inputs: string[];
  outputs: string[];
}

export async function buildExplorer(outdir = EXPLORER_BUNDLE_DIR): Promise<ExplorerBuildResult> {
  const result = await build({
    entryPoints: { [EXPLORER_ASSETS.script.replace(/\.js$/, '')]: EXPLORER_SOURCE_ENTRY },
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    jsx: 'automatic',
    // amazon-cognito-identity-js and its `buffer` package expect Node's `global`.
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
    logLevel: 'warning',
    metafile: true,
  });
  const files = Object.fromEntries(
    Object.entries(result.metafile.outputs).map(([path, output]) => [relative(outdir, path), output.bytes]),
  );
  // The metafile's paths are relative to esbuild's working directory, this process's.
  return {
    outdir,
    files,
    inputs: Object.keys(result.metafile.inputs).map((path) => resolve(path)),
    outputs: Object.keys(result.metafile.outputs).map((path) => resolve(path)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  const { outdir, files } = await buildExplorer();
  const sizes = Object.entries(files).map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} KB`);
  console.log(
    `bundled the explorer into ${relative(process.cwd(), outdir)}/ in ${Date.now() - started} ms (${sizes.join(', ')})`,
  );
}
