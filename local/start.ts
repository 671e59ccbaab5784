// `npm start`: runs the API on this machine with the same resolver bundles AppSync runs,
// against Amazon's DynamoDB Local, seeded with the demo catalog.
import { randomBytes } from 'node:crypto';
import { demoCatalog } from '../backend-services/products/seed/demoCatalog.ts';
import { PRODUCTS_TABLE, TABLES } from '../system/tables.ts';
import { buildLocalApiDefinition } from './apiDefinition.ts';
import { startAppSyncServer } from './appsync/api.ts';
import { startDynamoDbLocal } from './dynamodb/launcher.ts';
import { seedItems } from './dynamodb/seed.ts';
import { createLocalDynamoDbClient, createTables, LOCAL_REGION } from './dynamodb/tables.ts';
import { assertPortsFree, portFromEnv } from './ports.ts';

// Our AWS SDK versions are pinned; its notice that future versions will need Node 22 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ports = {
  appsync: portFromEnv('APPSYNC_PORT', 4000),
  dynamodb: portFromEnv('DYNAMODB_PORT', 8000),
};
await assertPortsFree(ports);

const started = Date.now();
const dynamodb = await startDynamoDbLocal({ port: ports.dynamodb.port });
const stops: (() => Promise<void>)[] = [() => dynamodb.stop()];
const stopAll = async (): Promise<void> => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
};
process.once('SIGINT', () => void stopAll().then(() => process.exit(0)));
process.once('SIGTERM', () => void stopAll().then(() => process.exit(0)));

try {
  const client = createLocalDynamoDbClient(dynamodb.endpoint);
  await createTables(client, TABLES);
  await seedItems(client, PRODUCTS_TABLE.name, PRODUCTS_TABLE.partitionKey.name, demoCatalog());
  const apiKey = process.env.APPSYNC_API_KEY ?? `da2-${randomBytes(13).toString('hex')}`;
  const server = await startAppSyncServer(
    buildLocalApiDefinition({
      dynamodbEndpoint: dynamodb.endpoint,
      authentication: {
        defaultAuthentication: { type: 'API_KEY', apiKeys: [{ id: apiKey, expires: Math.floor(Date.now() / 1000) + 365 * 86400 }] },
        additionalAuthentications: [],
      },
    }),
    { port: ports.appsync.port },
  );
  stops.push(() => server.close());
  console.log(
    [
      `Local AppSync API ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      `  GraphQL   ${server.graphqlUrl}`,
      `  API key   ${apiKey}   (header x-api-key)`,
      `  DynamoDB  ${dynamodb.endpoint}   (region ${LOCAL_REGION})`,
      `Try: curl -s ${server.graphqlUrl} -H 'x-api-key: ${apiKey}' -d '{"query":"{ getProducts(limit: 3) { products { name price } nextToken } }"}'`,
      'Ctrl-C stops everything.',
    ].join('\n'),
  );
} catch (error) {
  await stopAll();
  console.error((error as Error).message);
  process.exit(1);
}
