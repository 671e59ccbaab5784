// The pure parts of bench/artifacts.ts: which functions are measured, how the CDK app's bundling
// options become esbuild's, the 32 KB limit check and the table. No bundling, no stack.
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  type ArtifactSizes,
  type CodeBundleSize,
  codeOverLimit,
  deployedHandlers,
  esbuildOptionsFor,
  LARGEST_CODE_SHOWN,
  largestPart,
  type LambdaBundleSize,
  renderArtifactsTable,
} from '../../../bench/artifacts.ts';
import type { InitTime } from '../../../bench/initTime.ts';
import { HANDLER_BUNDLING } from '../../../infra/constructs/handlerFunction.ts';
import { SYSTEM } from '../../../system/index.ts';

const LIMIT = 32_768;

function lambda(functionName: string, bundleBytes: number, sourceMapBytes?: number, init?: InitTime): LambdaBundleSize {
  return {
    functionName,
    module: `backend-services/x/${functionName}.ts`,
    bundleBytes,
    sourceMapBytes,
    zippedBytes: bundleBytes / 4,
    largestPart: { name: '@smithy/core', bytes: bundleBytes / 4 },
    init,
  };
}

function code(name: string, bytes: number, kind: CodeBundleSize['kind'] = 'resolver'): CodeBundleSize {
  return { name, kind, bytes, inlineSourceMapBytes: Math.floor(bytes / 2) };
}

function sizes(codeBundles: CodeBundleSize[]): ArtifactSizes {
  return {
    lambdas: [
      lambda('orders-placeOrder', 774_112, 3_250_384, {
        wallMs: 181.4,
        cpuMs: 240.2,
        sourceMaps: { wallMs: 224.6, cpuMs: 290.5 },
      }),
      lambda('delivery-pricing-quote', 332_800, 1_482_000),
    ],
    lambdaBundling: 'esm, node24, minified, source map shipped beside it',
    initRuns: 3,
    code: codeBundles,
    codeLimitBytes: LIMIT,
  };
}

describe('deployedHandlers', () => {
  it("names one function per module and export, the event rules' targets included", () => {
    const names = deployedHandlers(SYSTEM).map((h) => h.functionName);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'products-batchGetProducts',
        'orders-placeOrder',
        'orders-tableEvents',
        'payment-settlePayment',
        'products-returnStock',
      ]),
    );
  });
});

describe('esbuildOptionsFor', () => {
  it("translates the CDK app's bundling options as NodejsFunction passes them to esbuild", () => {
    expect(esbuildOptionsFor(HANDLER_BUNDLING)).toEqual({
      outFile: 'index.mjs',
      options: {
        bundle: true,
        target: 'node24',
        platform: 'node',
        format: 'esm',
        minify: true,
        sourcemap: true,
        external: [],
        banner: { js: HANDLER_BUNDLING.banner },
      },
    });
  });

  it("takes NodejsFunction's defaults for what is not set: CommonJS, no source map, the runtime's SDK", () => {
    expect(esbuildOptionsFor({ target: 'node22' })).toEqual({
      outFile: 'index.js',
      options: { bundle: true, target: 'node22', platform: 'node', minify: false, sourcemap: false, external: ['@aws-sdk/*'] },
    });
    expect(esbuildOptionsFor({ target: 'node22', format: OutputFormat.CJS }).options.format).toBe('cjs');
  });

  it('leaves the packages NodejsFunction installs beside the bundle (nodeModules) external', () => {
    expect(esbuildOptionsFor({ ...HANDLER_BUNDLING, nodeModules: ['pdfkit'] }).options.external).toEqual(['pdfkit']);
  });

  it('refuses an option it does not translate, so that no bundling change goes unmeasured', () => {
    expect(() => esbuildOptionsFor({ ...HANDLER_BUNDLING, keepNames: true })).toThrow(/keepNames/);
    expect(() => esbuildOptionsFor({ minify: true })).toThrow(/no target/);
  });
});

describe('largestPart', () => {
  it('sums the bytes of each package (the innermost node_modules) and of our own code', () => {
    const inputs = {
      'backend-services/orders/handlers/placeOrder.ts': { bytesInOutput: 300 },
      'node_modules/@smithy/core/dist-es/a.js': { bytesInOutput: 200 },
      'node_modules/@smithy/core/dist-es/b.js': { bytesInOutput: 200 },
      'node_modules/x/node_modules/tslib/tslib.es6.mjs': { bytesInOutput: 350 },
    };
    const metafile = {
      inputs: {},
      outputs: { 'cdk.out/bundling-temp-bench/index.mjs': { bytes: 1050, inputs, imports: [], exports: [] } },
    } as unknown as Metafile;
    expect(largestPart(metafile)).toEqual({ name: '@smithy/core', bytes: 400 });
  });
});

describe('codeOverLimit', () => {
  it('counts a bundle of exactly the limit as within it, one byte more as over', () => {
    const atLimit = code('Query.atLimit', LIMIT);
    const over = code('Query.over', LIMIT + 1);
    expect(codeOverLimit({ code: [over, atLimit, code('Query.small', 10)], codeLimitBytes: LIMIT })).toEqual([over]);
  });
});

describe('renderArtifactsTable', () => {
  it('lists every Lambda bundle with its source map and the total', () => {
    const table = renderArtifactsTable(sizes([code('Query.getProduct', 3_000)]));
    expect(table).toMatch(
      /^function\s+index\.mjs KiB\s+\.map KiB\s+zip ≈ KiB\s+init ms\s+source maps ms\s+largest part of index\.mjs$/m,
    );
    expect(table).toMatch(/^orders-placeOrder\s+756\.0\s+3174\.2\s+189\.0\s+181 \(240\)\s+225 \(291\)\s+@smithy\/core 25\.0 %$/m);
    expect(table).toMatch(/^delivery-pricing-quote\s+325\.0\s+1447\.3\s+81\.3\s+—\s+—\s+@smithy\/core 25\.0 %$/m);
    expect(table).toContain('median of 3 runs, without and with --enable-source-maps');
    expect(table).toMatch(/^all 2 functions\s+1081\.0\s+4621\.5\s+270\.2$/m);
  });

  it('shows the largest APPSYNC_JS bundles with their share of the limit, the count and the headroom', () => {
    const bundles = Array.from({ length: LARGEST_CODE_SHOWN + 3 }, (_, i) => code(`Query.field${i}`, 16_384 - i * 100));
    bundles.push(code('addCartLine', 20_000, 'function'));
    bundles.sort((a, b) => b.bytes - a.bytes);
    const table = renderArtifactsTable(sizes(bundles));
    expect(table).toContain(
      `the ${LARGEST_CODE_SHOWN} largest of ${LARGEST_CODE_SHOWN + 4} (${LARGEST_CODE_SHOWN + 3} resolvers, 1 pipeline function)`,
    );
    expect(table).toMatch(/^addCartLine \(function\)\s+20,000\s+61\.0 %\s+10,000$/m);
    expect(table).toMatch(/^Query\.field0\s+16,384\s+50\.0 %\s+8,192$/m);
    expect(table).not.toContain(`Query.field${LARGEST_CODE_SHOWN}`);
    expect(table).toContain('headroom of the largest (addCartLine): 12,768 bytes (39.0 % of the limit)');
    expect(table).toContain('none over the limit');
  });

  it('flags a bundle over the limit', () => {
    const table = renderArtifactsTable(sizes([code('Mutation.huge', LIMIT + 232), code('Query.getProduct', 3_000)]));
    expect(table).toMatch(/^Mutation\.huge\s+33,000\s+100\.7 %\s+16,500\s+OVER THE LIMIT$/m);
    expect(table).toContain('the largest (Mutation.huge) is 232 bytes over the limit');
    expect(table).toContain('OVER THE LIMIT (AppSync refuses them): Mutation.huge');
  });
});
