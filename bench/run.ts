// `npm run bench`: every benchmark in one run, in an order that keeps them out of each other's
// way: resolver evaluation, the runtime's per-request costs and artifact sizes first (in this
// process, nothing else running); then getProduct through the local AppSync runtime, a bare
// graphql-js server (the limit) and Amplify's AppSync simulator (the peer), each a child process
// on one DynamoDB Local; then checkout and order-status fan-out on the whole local stack; last,
// start-up of `npm start`. Prints each table, and writes bench/results.md and bench/latency.svg.
// See bench/README.md.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { demoCatalog } from '../backend-services/products/seed/demoCatalog.ts';
import { startDynamoDbLocal } from 'appsync-local/dynamodb/launcher.ts';
import { seedItems } from 'appsync-local/dynamodb/seed.ts';
import { createLocalDynamoDbClient, createTables } from 'appsync-local/dynamodb/tables.ts';
import { PRODUCTS_TABLE, TABLES } from '../system/tables.ts';
import { measureArtifacts, renderArtifactsTable } from './artifacts.ts';
import { type LatencySeries, renderLatencyChart } from './chart.ts';
import { benchCheckout, renderCheckoutTable } from './checkout.ts';
import { type ServerChild, spawnServer } from './children.ts';
import { Cleanup } from './cleanup.ts';
import { readConfig } from './config.ts';
import { benchFanout, renderFanoutTable } from './fanout.ts';
import { benchHotPaths, renderHotPathsTable } from './hotPaths.ts';
import { graphqlRequests, getItemRequests } from './load.ts';
import { measure, type Target } from './measure.ts';
import { ensurePeerInstalled } from './peer/install.ts';
import {
  BARE_LABEL,
  describeMachine,
  FLOOR_LABEL,
  machineLine,
  measuredServers,
  PEER_LABEL,
  renderMarkdown,
  renderTable,
  type Report,
  RUNTIME_LABEL,
} from './report.ts';
import { benchResolverEvaluation, renderResolverEvalTable } from './resolverEval.ts';
import { startStackChild } from './stackChild.ts';
import { measureStartup, renderStartupTable } from './startup.ts';
import { measureTestSuite, renderTestSuiteTable } from './testSuite.ts';
import { verifySameProducts } from './verify.ts';
import { benchDynamoDbJvm, renderDynamoDbJvmTable } from './dynamodbJvm.ts';

// Our AWS SDK versions are pinned; its notice that future versions will need Node 22 is noise
// here. Set before any client is made, and inherited by the servers' processes.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const RESULTS_FILE = new URL('./results.md', import.meta.url);
const CHART_FILE = new URL('./latency.svg', import.meta.url);
const cleanup = new Cleanup();
cleanup.onSignals();

const sections: { title: string; text: string }[] = [];
const show = (title: string, text: string): void => {
  sections.push({ title, text });
  console.log(`\n${text}`);
};

try {
  const config = readConfig();
  const machine = describeMachine();
  const started = new Date();

  console.error('resolver evaluation …');
  const evaluation = await benchResolverEvaluation(config);
  show('Resolver evaluation (APPSYNC_JS, in process)', renderResolverEvalTable(evaluation));
  console.error('runtime hot paths …');
  show('Runtime per-request costs (in process)', renderHotPathsTable(await benchHotPaths(config)));
  console.error('artifact sizes …');
  show('Deployed artifact sizes', renderArtifactsTable(await measureArtifacts({ initRuns: config.quick ? 1 : 3 })));

  // The peer is installed on first use, outside the product's dependencies (bench/peer/).
  const peerInstall = config.quick ? await ensurePeerInstalled({ install: false }) : await ensurePeerInstalled();

  const catalog = demoCatalog();
  console.error('starting DynamoDB Local …');
  const dynamodb = await startDynamoDbLocal();
  cleanup.add(() => dynamodb.stop());
  const tablePrefix = `bench${randomBytes(4).toString('hex')}-`;
  const client = createLocalDynamoDbClient(dynamodb.endpoint);
  try {
    await createTables(client, TABLES, tablePrefix);
    await seedItems(client, `${tablePrefix}${PRODUCTS_TABLE.name}`, PRODUCTS_TABLE.partitionKey.name, catalog);
  } finally {
    client.destroy();
  }

  const apiKey = `da2-${randomBytes(13).toString('hex')}`;
  const plannedSeconds = 3 * (config.warmupSeconds + config.runs * config.seconds);
  const env = {
    BENCH_DYNAMODB_ENDPOINT: dynamodb.endpoint,
    BENCH_TABLE_PREFIX: tablePrefix,
    BENCH_API_KEY: apiKey,
    BENCH_API_KEY_EXPIRES: String(Math.floor(Date.now() / 1000 + plannedSeconds + 3600)),
  };
  console.error('starting the servers …');
  const servers: ServerChild[] = [];
  const start = async (name: 'appsync' | 'bare' | 'peer'): Promise<ServerChild> => {
    const server = await spawnServer(name, env);
    cleanup.add(() => server.stop());
    servers.push(server);
    return server;
  };
  const headers = { 'x-api-key': apiKey };
  const graphqlTarget = (label: string, server: ServerChild): Target => ({
    label,
    url: server.url,
    requests: graphqlRequests(headers),
    pids: { server: server.pid, database: dynamodb.pid },
  });
  const graphqlTargets: Target[] = [
    graphqlTarget(RUNTIME_LABEL, await start('appsync')),
    graphqlTarget(BARE_LABEL, await start('bare')),
    ...(peerInstall.ok ? [graphqlTarget(PEER_LABEL, await start('peer'))] : []),
  ];
  await verifySameProducts(graphqlTargets, headers, catalog);
  // The floor: DynamoDB Local's own GetItem, with nothing in front of it, at the same concurrency.
  const floor: Target = {
    label: FLOOR_LABEL,
    url: dynamodb.endpoint,
    requests: getItemRequests(`${tablePrefix}${PRODUCTS_TABLE.name}`, PRODUCTS_TABLE.partitionKey.name),
    pids: { database: dynamodb.pid },
  };
  const figures = await measure(
    config,
    [floor, ...graphqlTargets],
    catalog.map((p) => p.productId),
  );
  const report: Report = {
    config,
    floor: figures[0]!,
    runtime: figures[1]!,
    bare: figures[2]!,
    peer: figures[3] ?? { unavailable: peerInstall.ok ? 'not started' : peerInstall.reason },
    machine,
    date: started,
  };
  console.log(`\n${renderTable(report)}`);
  // The whole stack gets the machine to itself.
  await Promise.all([...servers.map((server) => server.stop()), dynamodb.stop()]);

  console.error("\nDynamoDB Local's JVM tunings …");
  show("DynamoDB Local's JVM", renderDynamoDbJvmTable(await benchDynamoDbJvm(config, catalog, cleanup), config));

  console.error('\nstarting the whole local stack …');
  const stack = await startStackChild(cleanup);
  const checkout = await benchCheckout(config, stack.local);
  show('Checkout (placeOrder on the whole local stack)', renderCheckoutTable(checkout, config));
  const fanout = await benchFanout(config, stack);
  show('Order-status fan-out', renderFanoutTable(fanout));
  await stack.stop();

  // A quick run (the smoke test) starts the stack without `npm run build`: the build would rewrite
  // bundles that tests running beside it may be reading.
  console.error('\nstart-up of npm start …');
  show(
    'Start-up (npm start)',
    renderStartupTable(await measureStartup(config.quick ? 1 : 3, config.quick ? 'npx tsx local/start.ts' : 'npm start')),
  );

  // Last, the test suite's own duration: a quick run is one of its tests, so it never runs it.
  const suiteSkipped = config.quick
    ? 'a quick run is one of the suite’s tests (BENCH_QUICK)'
    : process.env.BENCH_SUITE === '0'
      ? 'BENCH_SUITE=0'
      : undefined;
  if (!suiteSkipped) console.error('\nthe test suite (npm test) …');
  const suite = suiteSkipped ? { skipped: suiteSkipped } : await measureTestSuite();
  show('Test suite (npm test)', renderTestSuiteTable(suite));
  if ('exitCode' in suite && suite.exitCode !== 0) process.exitCode = 1;

  const chart: LatencySeries[] = [
    ...measuredServers(report).map((f) => ({ group: 'getProduct over HTTP', label: f.label, p50Ms: f.p50Ms, p99Ms: f.p99Ms })),
    ...evaluation.cases.map((c) => ({
      group: 'APPSYNC_JS evaluation (request + response)',
      label: c.label,
      p50Ms: c.p50Us / 1000,
      p99Ms: c.p99Us / 1000,
    })),
    ...checkout.map((c) => ({ group: 'placeOrder', label: c.scenario.label, p50Ms: c.p50Ms, p99Ms: c.p99Ms })),
    ...fanout.map((f) => ({
      group: 'publishOrderStatus → subscriber',
      label: `${f.subscribers} subscriber${f.subscribers === 1 ? '' : 's'}`,
      p50Ms: f.p50Ms,
      p99Ms: f.p99Ms,
    })),
  ];
  writeFileSync(CHART_FILE, renderLatencyChart(chart, `npm run bench · ${machine.cpuCount} × ${machine.cpuModel}`));
  const block = ({ title, text }: { title: string; text: string }): string => `\n## ${title}\n\n\`\`\`\n${text}\n\`\`\`\n`;
  writeFileSync(
    RESULTS_FILE,
    [
      '# Benchmarks (`npm run bench`)',
      '',
      `${started.toISOString()} · ${machineLine(machine)}`,
      '',
      '![p50 and p99 latency of every measured operation](latency.svg)',
      '',
      renderMarkdown(report),
      ...sections.map(block),
    ].join('\n'),
  );
  console.error('\nwritten to bench/results.md and bench/latency.svg');
  if (measuredServers(report).some((f) => f.failed > 0)) {
    for (const child of servers) {
      const tail = child.outputTail();
      if (tail) console.error(`\n${child.name} server output:\n${tail}`);
    }
    console.error('\nSome requests failed: the figures above leave them out. Exiting with 1.');
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await cleanup.run();
}
process.exit(process.exitCode ?? 0);
