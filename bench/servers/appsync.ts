// The system's API served by the local AppSync runtime: the real definition (schema, resolver
// bundles from build/resolvers, data sources) with API-key authentication.
import { buildLocalApiDefinition, withoutServices } from '../../local/apiDefinition.ts';
import { startAppSyncServer } from 'appsync-local/appsync/api.ts';
import { announceAndServe, failStart, readSettings } from './lifecycle.ts';

try {
  const settings = readSettings();
  const server = await startAppSyncServer(
    buildLocalApiDefinition({
      dynamodbEndpoint: settings.dynamodbEndpoint,
      tablePrefix: settings.tablePrefix,
      ...(await withoutServices()),
      authentication: {
        defaultAuthentication: {
          type: 'API_KEY',
          apiKeys: [{ id: settings.apiKey, expires: settings.apiKeyExpires }],
        },
        additionalAuthentications: [],
      },
    }),
    { host: '127.0.0.1', port: 0 },
  );
  announceAndServe(server.graphqlUrl, () => server.close());
} catch (error) {
  failStart(error);
}
