// Resolver execution: how long the local runtime takes to evaluate APPSYNC_JS handlers, without
// HTTP, GraphQL or a database. Every bundle of build/resolvers is loaded into one JsEvaluator (as
// the runtime loads them when an API is created); then a unit resolver and a page of orders are
// evaluated request + response, with the ctx the runtime would build and the data source's
// result, timed in batches. The code cache is the evaluator's: code is compiled once per distinct
// bundle (identical bundles share one module), and no evaluation compiles anything.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { demoCatalog } from '../backend-services/products/seed/demoCatalog.ts';
import { createInvocation, type AuthType } from 'appsync-local/appsync/js/invocation.ts';
import { JsEvaluator, type LoadedCode, type Outcome } from 'appsync-local/appsync/js/evaluator.ts';
import { functionBundlePath, resolverBundlePath } from '../system/artifacts.ts';
import { SYSTEM } from '../system/index.ts';
import type { BenchConfig } from './config.ts';
import { sampleBatches } from './load.ts';
import { alignColumns } from './table.ts';

/** Evaluations timed together; a batch's mean is one sample (a single one is below the clock's grain). */
const BATCH = 200;

export interface EvaluationCase {
  readonly label: string;
  readonly p50Us: number;
  readonly p99Us: number;
  /** Request + response evaluations timed, over all runs. */
  readonly evaluations: number;
}

export interface ResolverEvalFigures {
  readonly cases: readonly EvaluationCase[];
  /** Bundles loaded, and loads that found their code compiled already (identical bundles). */
  readonly loads: number;
  readonly cacheHits: number;
  /** Compilations while the cases were evaluated: 0 when every evaluation hit compiled code. */
  readonly compilationsDuringEvaluation: number;
  /** Mean time to load one bundle into a fresh evaluator (a cache miss: parse, check, compile). */
  readonly compileUs: number;
  /** Mean time of a load that hits the cache (hash and look-up). */
  readonly cachedLoadUs: number;
}

interface Case {
  readonly label: string;
  readonly code: LoadedCode;
  readonly authType: AuthType;
  /** A fresh ctx as the runtime builds it, with the data source's result set for the response. */
  readonly ctx: () => Record<string, unknown>;
  readonly result: unknown;
  /** What a correct request evaluation returns (checked before timing). */
  readonly expectOperation: string;
}

export async function benchResolverEvaluation(config: BenchConfig): Promise<ResolverEvalFigures> {
  const bundles = [
    ...SYSTEM.resolvers.map((r) => ({ name: `${r.typeName}.${r.fieldName}`, path: resolverBundlePath(r.typeName, r.fieldName) })),
    ...SYSTEM.functions.map((f) => ({ name: f.name, path: functionBundlePath(f.name) })),
  ].map((bundle) => ({ ...bundle, code: readFileSync(bundle.path, 'utf8') }));

  const evaluator = new JsEvaluator();
  const loaded = new Map(bundles.map((bundle) => [bundle.name, evaluator.load(bundle.code, `${bundle.name}.js`)]));
  const { loads, cacheHits } = evaluator.stats;

  const cases = casesOf(loaded);
  const loadsBefore = evaluator.stats.loads - evaluator.stats.cacheHits;
  const measured: EvaluationCase[] = [];
  for (const c of cases) measured.push(await measureCase(evaluator, c, config));
  const compilationsDuringEvaluation = evaluator.stats.loads - evaluator.stats.cacheHits - loadsBefore;

  return { cases: measured, loads, cacheHits, compilationsDuringEvaluation, ...loadCosts(bundles) };
}

function casesOf(loaded: ReadonlyMap<string, LoadedCode>): Case[] {
  const code = (name: string): LoadedCode => {
    const found = loaded.get(name);
    if (!found) throw new Error(`No bundle ${name} in build/resolvers.`);
    return found;
  };
  const product = demoCatalog()[0]!;
  const userId = 'b3f1c2d4-0000-4000-8000-000000000001';
  const orders = Array.from({ length: 10 }, (_, index) => orderItem(userId, index, product));
  return [
    {
      label: 'getProduct (GetItem)',
      code: code('Query.getProduct'),
      authType: 'API_KEY',
      ctx: () => baseCtx('getProduct', { productId: product.productId }, null),
      result: product,
      expectOperation: 'GetItem',
    },
    {
      // getOrders' pipeline function that queries the page (the payments' call is another function).
      label: 'getOrders (Query, 10 orders)',
      code: code('queryOrdersPage'),
      authType: 'AMAZON_COGNITO_USER_POOLS',
      ctx: () => baseCtx('getOrders', { limit: 10 }, cognitoIdentity(userId)),
      result: { items: orders, nextToken: null, scannedCount: orders.length },
      expectOperation: 'Query',
    },
  ];
}

async function measureCase(evaluator: JsEvaluator, c: Case, config: BenchConfig): Promise<EvaluationCase> {
  checkCase(evaluator, c);
  const batchesPerRun = Math.max(5, Math.round(config.seconds * 15)); // 75 batches in a 5 s run: a second or two per case
  const { p50Us, p99Us, calls } = await sampleBatches(config.runs, batchesPerRun, BATCH, () => {
    for (let i = 0; i < BATCH; i += 1) evaluatePair(evaluator, c);
  });
  return { label: c.label, p50Us, p99Us, evaluations: calls };
}

function evaluatePair(evaluator: JsEvaluator, c: Case): [Outcome, Outcome] {
  const invocation = createInvocation(c.authType);
  const ctx = c.ctx();
  const request = evaluator.evaluate(c.code, 'request', ctx, invocation);
  ctx.result = c.result;
  const response = evaluator.evaluate(c.code, 'response', ctx, invocation);
  return [request, response];
}

/** Stops the benchmark if a case does not evaluate as the runtime would need it to. */
function checkCase(evaluator: JsEvaluator, c: Case): void {
  const [request, response] = evaluatePair(evaluator, c);
  const operation = request.kind === 'value' ? (request.value as { operation?: unknown } | null)?.operation : undefined;
  if (operation !== c.expectOperation || response.kind !== 'value' || response.value === null) {
    throw new Error(
      `${c.label}: evaluated to ${JSON.stringify(request)} / ${JSON.stringify(response)}, not a ${c.expectOperation} and a value.`,
    );
  }
}

/** A cache miss (a fresh evaluator per load) against a hit (the same code loaded again). */
function loadCosts(bundles: readonly { name: string; code: string }[]): { compileUs: number; cachedLoadUs: number } {
  let started = performance.now();
  for (const bundle of bundles) new JsEvaluator().load(bundle.code, bundle.name);
  const freshEvaluators = performance.now() - started;
  started = performance.now();
  for (let i = 0; i < bundles.length; i += 1) new JsEvaluator();
  const evaluatorsOnly = performance.now() - started;

  const warm = new JsEvaluator();
  for (const bundle of bundles) warm.load(bundle.code, bundle.name);
  started = performance.now();
  for (let round = 0; round < 20; round += 1) for (const bundle of bundles) warm.load(bundle.code, bundle.name);
  const hits = performance.now() - started;
  return {
    compileUs: (Math.max(0, freshEvaluators - evaluatorsOnly) * 1000) / bundles.length,
    cachedLoadUs: (hits * 1000) / (20 * bundles.length),
  };
}

function baseCtx(fieldName: string, args: Record<string, unknown>, identity: unknown): Record<string, unknown> {
  return {
    arguments: args,
    args,
    identity,
    source: null,
    stash: {},
    prev: {},
    info: { fieldName, parentTypeName: 'Query', variables: args, selectionSetList: [], selectionSetGraphQL: '' },
    request: { headers: { 'content-type': 'application/json' }, domainName: null },
    env: {},
  };
}

function cognitoIdentity(sub: string): unknown {
  return {
    sub,
    username: sub,
    issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench',
    claims: { sub, 'cognito:username': sub, token_use: 'id' },
    sourceIp: ['127.0.0.1'],
    defaultAuthStrategy: 'ALLOW',
    groups: null,
  };
}

function orderItem(userId: string, index: number, product: ReturnType<typeof demoCatalog>[number]): Record<string, unknown> {
  const date = new Date(Date.UTC(2026, 10, 1, 12, index)).toISOString();
  return {
    orderId: `order-${index}`,
    userId,
    status: 'NEW',
    products: [{ productId: product.productId, name: product.name, price: product.price, quantity: 2, package: product.package }],
    address: { name: 'Ada', streetAddress: '1 Main St', city: 'London', country: 'GB', phoneNumber: '+44 20 0000 0000' },
    deliveryPrice: 500,
    subtotal: product.price * 2,
    total: product.price * 2 + 500,
    createdDate: date,
    modifiedDate: date,
  };
}

export function renderResolverEvalTable(figures: ResolverEvalFigures): string {
  const rows = [
    ['resolver (request + response)', 'p50 µs', 'p99 µs', 'evaluations'],
    ...figures.cases.map((c) => [c.label, c.p50Us.toFixed(1), c.p99Us.toFixed(1), String(c.evaluations)]),
  ];
  const lines = alignColumns(rows);
  const evaluations = figures.cases.reduce((sum, c) => sum + c.evaluations, 0);
  const hitRate = evaluations === 0 ? 0 : (100 * (evaluations - figures.compilationsDuringEvaluation)) / evaluations;
  return [
    ...lines,
    '',
    `code cache hit rate: ${hitRate.toFixed(1)} % (${evaluations - figures.compilationsDuringEvaluation} of ${evaluations} evaluations ran code compiled before; ${figures.compilationsDuringEvaluation} compiled)`,
    `at API creation: ${figures.loads} bundles loaded, ${figures.loads - figures.cacheHits} compiled, ${figures.cacheHits} identical to one compiled already`,
    `one load that compiles (a miss): ${figures.compileUs.toFixed(0)} µs; one that hits: ${figures.cachedLoadUs.toFixed(1)} µs`,
  ].join('\n');
}
