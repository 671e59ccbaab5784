// `npm run bench`: the local AppSync runtime against a bare graphql-js server, both reading the
// same DynamoDB Local table, each in a child process of its own; then checkout and order-status
// fan-out on the whole local stack. See bench/README.md.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { demoCatalog } from '../backend-services/products/seed/demoCatalog.ts';
import { startDynamoDbLocal } from '../local/dynamodb/launcher.ts';
import { seedItems } from '../local/dynamodb/seed.ts';
import { createLocalDynamoDbClient, createTables } from '../local/dynamodb/tables.ts';
import { PRODUCTS_TABLE, TABLES } from '../system/tables.ts';
import { benchCheckout, renderCheckoutTable } from './checkout.ts';
import { spawnServer } from './children.ts';
import { benchFanout, renderFanoutTable } from './fanout.ts';
import { startStackChild } from './stackChild.ts';
import { Cleanup } from './cleanup.ts';
import { readConfig } from './config.ts';
import { measure } from './measure.ts';
import { BARE_LABEL, describeMachine, renderMarkdown, renderTable, RUNTIME_LABEL } from './report.ts';
import { verifySameProducts } from './verify.ts';

// Our AWS SDK versions are pinned; its notice that future versions will need Node 22 is noise
// here. Set before any client is made, and inherited by the servers' processes.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const RESULTS_FILE = new URL('./results.md', import.meta.url);
const cleanup = new Cleanup();
cleanup.onSignals();

try {
  const config = readConfig();
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
  const plannedSeconds = 2 * (config.warmupSeconds + config.runs * config.seconds);
  const env = {
    BENCH_DYNAMODB_ENDPOINT: dynamodb.endpoint,
    BENCH_TABLE_PREFIX: tablePrefix,
    BENCH_API_KEY: apiKey,
    BENCH_API_KEY_EXPIRES: String(Math.floor(Date.now() / 1000 + plannedSeconds + 3600)),
  };
  console.error('starting the servers …');
  const runtime = await spawnServer('appsync', env);
  cleanup.add(() => runtime.stop());
  const bare = await spawnServer('bare', env);
  cleanup.add(() => bare.stop());

  const headers = { 'x-api-key': apiKey };
  const targets = [
    { label: RUNTIME_LABEL, url: runtime.url },
    { label: BARE_LABEL, url: bare.url },
  ];
  await verifySameProducts(targets, headers, catalog);
  const [runtimeFigures, bareFigures] = await measure(config, targets, headers, catalog.map((p) => p.productId));

  const report = { config, runtime: runtimeFigures!, bare: bareFigures!, machine: describeMachine(), date: new Date() };
  console.log(renderTable(report));
  // The checkout stack gets the machine to itself.
  await Promise.all([runtime.stop(), bare.stop(), dynamodb.stop()]);

  console.error('\nstarting the whole local stack …');
  const stack = await startStackChild(cleanup);
  const checkout = renderCheckoutTable(await benchCheckout(config, stack.local), config);
  console.log(`\n${checkout}`);
  const fanout = renderFanoutTable(await benchFanout(config, stack));
  console.log(`\n${fanout}`);
  const block = (title: string, text: string): string => `\n## ${title}\n\n\`\`\`\n${text}\n\`\`\`\n`;
  writeFileSync(RESULTS_FILE, `${renderMarkdown(report)}${block('Checkout', checkout)}${block('Fan-out', fanout)}`);
  console.error(`\nwritten to bench/results.md`);
  if (report.runtime.failed + report.bare.failed > 0) {
    for (const child of [runtime, bare]) {
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
