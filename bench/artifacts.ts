// Deployed artifact sizes: each Lambda bundle as the CDK app builds it, and each APPSYNC_JS
// resolver and pipeline-function bundle against AppSync's code size limit. The Lambda handlers
// are bundled here with the same esbuild and the same bundling options the CDK app passes to
// NodejsFunction (infra/constructs/handlerFunction.ts), translated as aws-lambda-nodejs
// translates them to esbuild's arguments, so the bytes are those of the deployed index.mjs. The
// resolver bundles are the files in build/resolvers that the CDK app uploads (`npm run build`).
// Each Lambda bundle's init time (bench/initTime.ts) stands in locally for its cold start.
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build, type BuildOptions, type Metafile, stop as stopEsbuild } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { bundlingOf, HANDLER_BUNDLING } from '../infra/constructs/handlerFunction.ts';
import { serviceOfModule } from '../system/serviceResources.ts';
import { MAX_CODE_BYTES } from 'appsync-local/appsync/js/evaluator.ts';
import { functionNameOf } from '../system/handlers.ts';
import { functionBundlePath, REPO_ROOT, resolverBundlePath } from '../system/artifacts.ts';
import type { HandlerReference } from '../system/handlers.ts';
import { SYSTEM, type SystemDeclaration } from '../system/index.ts';
import { type BuiltBundle, type InitTime, measureInitTimes } from './initTime.ts';
import { alignColumns } from './table.ts';

export interface LambdaBundleSize {
  /** The function's name in the CDK app (system/handlers.ts functionNameOf). */
  readonly functionName: string;
  readonly module: string;
  /** index.mjs (or index.js for CommonJS). */
  readonly bundleBytes: number;
  /** The source map shipped beside it, when the bundling makes one. */
  readonly sourceMapBytes: number | undefined;
  /**
   * Both files deflated at level 6, as the CDK CLI zips the asset for upload (yazl's default
   * level), without the zip's headers (some 200 bytes).
   */
  readonly zippedBytes: number;
  /** The package (or `own code`) that takes most of the bundle, and its bytes in it. */
  readonly largestPart: { readonly name: string; readonly bytes: number };
  /** Importing the bundle in a fresh process, without and with --enable-source-maps; absent when not measured. */
  readonly init?: InitTime | undefined;
}

export interface CodeBundleSize {
  /** `Type.field` for a resolver, the function's name for a pipeline function. */
  readonly name: string;
  readonly kind: 'resolver' | 'function';
  readonly bytes: number;
  /** Of `bytes`, the inline source map at the end of the file. */
  readonly inlineSourceMapBytes: number;
}

export interface ArtifactSizes {
  /** Largest first. */
  readonly lambdas: readonly LambdaBundleSize[];
  /** The bundling options in words (format, target, minified, source map). */
  readonly lambdaBundling: string;
  /** Runs per bundle and mode behind each init time (0: not measured). */
  readonly initRuns: number;
  /** Resolvers and pipeline functions, largest first. */
  readonly code: readonly CodeBundleSize[];
  /** AppSync's limit on one resolver's or function's code. */
  readonly codeLimitBytes: number;
}

/** How many resolver and function bundles the table lists (the largest). */
export const LARGEST_CODE_SHOWN = 10;
/**
 * Where NodejsFunction's esbuild writes (cdk.out/bundling-temp-<hash>/): the source map's
 * `sources` are relative to it, so its bytes depend on the folder's depth. Nothing is written.
 */
const BUNDLING_FOLDER = join(REPO_ROOT, 'cdk.out', 'bundling-temp-bench');
const INLINE_SOURCE_MAP = '//# sourceMappingURL=data:';
const OWN_CODE = 'own code';
/** The deflate level of the CDK CLI's asset zips (yazl's default). */
const ZIP_LEVEL = 6;

/** `initRuns`: imports of each bundle per mode for its init time (0: none measured). */
export async function measureArtifacts({ initRuns }: { readonly initRuns: number }): Promise<ArtifactSizes> {
  let built: { size: LambdaBundleSize; bundle: BuiltBundle }[];
  try {
    built = await Promise.all(
      deployedHandlers(SYSTEM).map(({ functionName, service, handler }) => {
        const { options, outFile } = esbuildOptionsFor(bundlingOf(handler));
        return bundleHandler(functionName, service, handler, options, outFile);
      }),
    );
  } finally {
    // esbuild's service process holds the builds' memory (~1 GB here) until stopped: not while the servers are measured.
    await stopEsbuild();
  }
  const init =
    initRuns > 0
      ? await measureInitTimes(
          SYSTEM,
          built.map((b) => b.bundle),
          initRuns,
        )
      : new Map<string, InitTime>();
  const lambdas = built.map(({ size }) => ({ ...size, init: init.get(size.functionName) }));
  const code = [
    ...SYSTEM.resolvers.map((r) =>
      codeSize(`${r.typeName}.${r.fieldName}`, 'resolver', resolverBundlePath(r.typeName, r.fieldName)),
    ),
    ...SYSTEM.functions.map((f) => codeSize(f.name, 'function', functionBundlePath(f.name))),
  ];
  return {
    lambdas: lambdas.sort((a, b) => b.bundleBytes - a.bundleBytes),
    lambdaBundling: describeBundling(HANDLER_BUNDLING),
    initRuns,
    code: code.sort((a, b) => b.bytes - a.bytes),
    codeLimitBytes: MAX_CODE_BYTES,
  };
}

/**
 * Every function the CDK app deploys, by its name, as infra/stacks/commerceStack.ts and
 * infra/constructs/backendService.ts make them: each service's route and table-events handlers,
 * and the handlers that event rules target (in the service that owns the module); one function
 * per module and export.
 */
export function deployedHandlers(
  declaration: SystemDeclaration,
): { functionName: string; service: string; handler: HandlerReference }[] {
  const ruleTargets = [
    ...declaration.eventRules.flatMap((rule) => rule.targets.flatMap((t) => (t.type === 'HANDLER' ? [t.handler] : []))),
    ...declaration.schedules.flatMap((schedule) => schedule.targets.map((target) => target.handler)),
  ];
  const functions = new Map<string, { service: string; handler: HandlerReference }>();
  for (const service of declaration.services) {
    const handlers = [
      ...service.routes.map((route) => route.handler),
      ...(service.tableEvents ?? []).map((events) => events.handler),
      ...ruleTargets.filter((handler) => serviceOfModule(handler.module) === service.name),
    ];
    for (const handler of handlers) functions.set(functionNameOf(service.name, handler), { service: service.name, handler });
  }
  return [...functions].map(([functionName, { service, handler }]) => ({ functionName, service, handler }));
}

/**
 * esbuild's options for NodejsFunction's bundling props, as aws-lambda-nodejs's
 * Bundling.buildEsbuildArgs turns them into command-line arguments (`esbuild --bundle <entry>
 * --target=… --platform=node --format=… --outfile=<dir>/index.mjs --minify --sourcemap
 * --external:… --banner:js=…`, run in the project root). A prop this does not translate is an
 * error, so that a change to the CDK app's bundling cannot go unmeasured. `nodeModules` are left
 * external as NodejsFunction leaves them; the packages it installs beside the bundle are not
 * counted in the bundle's bytes.
 */
export function esbuildOptionsFor(bundling: BundlingOptions): { options: BuildOptions; outFile: string } {
  const translated = new Set(['format', 'target', 'minify', 'sourceMap', 'externalModules', 'nodeModules', 'banner']);
  const untranslated = Object.keys(bundling).filter((key) => !translated.has(key));
  if (untranslated.length > 0)
    throw new Error(`bench/artifacts.ts does not translate the bundling option(s) ${untranslated.join(', ')}.`);
  if (!bundling.target)
    throw new Error("The handlers' bundling sets no target: bench/artifacts.ts would have to derive it from the runtime.");
  const esm = bundling.format === OutputFormat.ESM;
  return {
    outFile: esm ? 'index.mjs' : 'index.js',
    options: {
      bundle: true,
      target: bundling.target,
      platform: 'node',
      ...(bundling.format ? { format: esm ? 'esm' : 'cjs' } : {}),
      minify: bundling.minify ?? false,
      // The command line's bare `--sourcemap` is a linked map: index.mjs.map beside the bundle.
      sourcemap: bundling.sourceMap ?? false,
      // NodejsFunction's default for Node.js 18 and later runtimes: the runtime's SDK v3.
      external: [...(bundling.externalModules ?? ['@aws-sdk/*']), ...(bundling.nodeModules ?? [])],
      ...(bundling.banner ? { banner: { js: bundling.banner } } : {}),
    },
  };
}

async function bundleHandler(
  functionName: string,
  service: string,
  handler: HandlerReference,
  options: BuildOptions,
  outFile: string,
): Promise<{ size: LambdaBundleSize; bundle: BuiltBundle }> {
  const outfile = join(BUNDLING_FOLDER, outFile);
  const result = await build({
    ...options,
    entryPoints: [join(REPO_ROOT, handler.module)],
    outfile,
    absWorkingDir: REPO_ROOT,
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  const file = (path: string): Uint8Array | undefined => result.outputFiles.find((output) => output.path === path)?.contents;
  const bundle = file(outfile);
  if (!bundle) throw new Error(`esbuild wrote no ${outFile} for ${handler.module}.`);
  const sourceMap = file(`${outfile}.map`);
  const size = {
    functionName,
    module: handler.module,
    bundleBytes: bundle.byteLength,
    sourceMapBytes: sourceMap?.byteLength,
    zippedBytes: [bundle, sourceMap].reduce(
      (sum, contents) => sum + (contents ? deflateRawSync(contents, { level: ZIP_LEVEL }).byteLength : 0),
      0,
    ),
    largestPart: largestPart(result.metafile),
  };
  const files = [{ name: outFile, contents: bundle }, ...(sourceMap ? [{ name: `${outFile}.map`, contents: sourceMap }] : [])];
  return { size, bundle: { functionName, service, files, entryFile: outFile } };
}

/** The package (by the innermost node_modules folder of each input) with the most bytes in the bundle. */
export function largestPart(metafile: Metafile): { name: string; bytes: number } {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(path);
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  const [name, bytes] = [...byPackage].reduce((a, b) => (b[1] > a[1] ? b : a), [OWN_CODE, 0]);
  return { name, bytes };
}

function packageOf(inputPath: string): string {
  const segments = inputPath.split('/');
  const at = segments.lastIndexOf('node_modules');
  if (at < 0) return OWN_CODE;
  const first = segments[at + 1] ?? OWN_CODE;
  return first.startsWith('@') ? `${first}/${segments[at + 2] ?? ''}` : first;
}

function codeSize(name: string, kind: CodeBundleSize['kind'], path: string): CodeBundleSize {
  let code: string;
  try {
    code = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${path} is missing: run \`npm run build\` first.`);
  }
  const mapAt = code.lastIndexOf(INLINE_SOURCE_MAP);
  return {
    name,
    kind,
    bytes: Buffer.byteLength(code),
    inlineSourceMapBytes: mapAt < 0 ? 0 : Buffer.byteLength(code.slice(mapAt)),
  };
}

function describeBundling(bundling: BundlingOptions): string {
  const sourceMap = bundling.sourceMap ? 'source map shipped beside it' : 'no source map';
  return `${bundling.format ?? 'cjs'}, ${bundling.target}, ${bundling.minify ? 'minified' : 'not minified'}, ${sourceMap}`;
}

/** The resolver and function bundles over the limit (AppSync refuses them). */
export function codeOverLimit(sizes: Pick<ArtifactSizes, 'code' | 'codeLimitBytes'>): CodeBundleSize[] {
  return sizes.code.filter((bundle) => bundle.bytes > sizes.codeLimitBytes);
}

export function renderArtifactsTable(sizes: ArtifactSizes): string {
  const lambdaRows = sizes.lambdas.map((l) => [
    l.functionName,
    kib(l.bundleBytes),
    l.sourceMapBytes === undefined ? '—' : kib(l.sourceMapBytes),
    kib(l.zippedBytes),
    l.init ? milliseconds(l.init) : '—',
    l.init ? milliseconds(l.init.sourceMaps) : '—',
    `${l.largestPart.name} ${percent(l.largestPart.bytes, l.bundleBytes)}`,
  ]);
  const total = (pick: (l: LambdaBundleSize) => number): string => kib(sizes.lambdas.reduce((sum, l) => sum + pick(l), 0));
  const lambdaTotal = [
    `all ${plural(sizes.lambdas.length, 'function')}`,
    total((l) => l.bundleBytes),
    total((l) => l.sourceMapBytes ?? 0),
    total((l) => l.zippedBytes),
    '',
    '',
    '',
  ];
  const shown = sizes.code.slice(0, LARGEST_CODE_SHOWN);
  const over = new Set(codeOverLimit(sizes));
  const codeRows = shown.map((c) => [
    c.kind === 'function' ? `${c.name} (function)` : c.name,
    bytes(c.bytes),
    percent(c.bytes, sizes.codeLimitBytes),
    bytes(c.inlineSourceMapBytes),
    over.has(c) ? 'OVER THE LIMIT' : '',
  ]);
  const largest = sizes.code[0];
  const resolvers = sizes.code.filter((c) => c.kind === 'resolver').length;
  return [
    `Lambda bundles as the CDK app deploys them (esbuild, ${sizes.lambdaBundling}); KiB = 1,024 bytes; zip ≈ the files deflated as the CDK CLI zips them (level 6)`,
    sizes.initRuns > 0
      ? `init = \`await import(index.mjs)\` in a fresh node ${process.version} with the function's environment, wall ms (CPU ms), median of ${plural(sizes.initRuns, 'run')}, without and with --enable-source-maps, alternated`
      : 'init not measured',
    '',
    ...alignRows([
      ['function', 'index.mjs KiB', '.map KiB', 'zip ≈ KiB', 'init ms', 'source maps ms', 'largest part of index.mjs'],
      ...lambdaRows,
      lambdaTotal,
    ]),
    '',
    `APPSYNC_JS bundles (build/resolvers) against AppSync's code limit of ${sizes.codeLimitBytes.toLocaleString('en-US')} bytes: the ${shown.length} largest of ${sizes.code.length} (${plural(resolvers, 'resolver')}, ${plural(sizes.code.length - resolvers, 'pipeline function')})`,
    '',
    ...alignRows([['resolver or function', 'bytes', '% of limit', 'inline map bytes', ''], ...codeRows]),
    '',
    largest ? headroomLine(largest, sizes.codeLimitBytes) : 'no resolver or function bundles',
    over.size > 0 ? `OVER THE LIMIT (AppSync refuses them): ${[...over].map((c) => c.name).join(', ')}` : 'none over the limit',
  ].join('\n');
}

function headroomLine(largest: CodeBundleSize, limitBytes: number): string {
  const headroom = limitBytes - largest.bytes;
  return headroom >= 0
    ? `headroom of the largest (${largest.name}): ${bytes(headroom)} bytes (${percent(headroom, limitBytes)} of the limit)`
    : `the largest (${largest.name}) is ${bytes(-headroom)} bytes over the limit`;
}

/** Figures right-aligned, the first and last columns (names, words) left-aligned. */
function alignRows(rows: readonly (readonly string[])[]): string[] {
  return alignColumns(rows, [0, rows[0]!.length - 1]);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function bytes(count: number): string {
  return count.toLocaleString('en-US');
}

/** Wall time, and in brackets the CPU time, in whole milliseconds. */
function milliseconds(time: { readonly wallMs: number; readonly cpuMs: number }): string {
  return `${time.wallMs.toFixed(0)} (${time.cpuMs.toFixed(0)})`;
}

function kib(count: number): string {
  return (count / 1024).toFixed(1);
}

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)} %`;
}
