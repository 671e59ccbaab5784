// Stands up the system's API (from the one declaration) on the test run's DynamoDB Local, with
// tables of its own, the demo catalog, an API key, a Cognito-like token issuer and an IAM user.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { demoCatalog } from '../../backend-services/products/seed/demoCatalog.ts';
import { buildLocalApiDefinition, withoutServices } from '../../local/apiDefinition.ts';
import { type AppSyncServer, startAppSyncServer } from 'appsync-local/appsync/api.ts';
import { seedItems } from 'appsync-local/dynamodb/seed.ts';
import { createLocalDynamoDbClient, createTables, LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import type { IamPrincipal } from 'appsync-local/iam/sigv4.ts';
import type { SystemDeclaration } from '../../system/index.ts';
import { PRODUCTS_TABLE, TABLES } from '../../system/tables.ts';
import { startTestIssuer, type TestIssuer } from 'appsync-local/testing/testIssuer.ts';

export interface LocalApi {
  readonly server: AppSyncServer;
  readonly graphqlUrl: string;
  readonly apiKey: string;
  readonly expiredApiKey: string;
  readonly issuer: TestIssuer;
  readonly iamUser: IamPrincipal;
  readonly tablePrefix: string;
  readonly dynamodbEndpoint: string;
  close(): Promise<void>;
}

export interface LocalApiOptions {
  /** Base URLs (origins) of backend services this API calls; the others answer nothing. */
  serviceUrls?: Readonly<Record<string, string>>;
  /** What to serve: the system's own declaration by default (a test may shorten its timeouts). */
  declaration?: SystemDeclaration;
}

export async function startLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const dynamodbEndpoint = inject('dynamodbEndpoint');
  const tablePrefix = `t${randomBytes(4).toString('hex')}-`;
  const client = createLocalDynamoDbClient(dynamodbEndpoint);
  await createTables(client, TABLES, tablePrefix);
  await seedItems(client, `${tablePrefix}${PRODUCTS_TABLE.name}`, PRODUCTS_TABLE.partitionKey.name, demoCatalog());
  client.destroy();

  const issuer = await startTestIssuer();
  const now = Math.floor(Date.now() / 1000);
  const apiKey = `da2-${randomBytes(13).toString('hex')}`;
  const expiredApiKey = `da2-${randomBytes(13).toString('hex')}`;
  const iamUser: IamPrincipal = {
    accessKeyId: 'AKIALOCALTESTUSER001',
    secretAccessKey: randomBytes(20).toString('base64'),
    accountId: '000000000000',
    userArn: 'arn:aws:iam::000000000000:user/test-service',
    username: 'AIDALOCALTESTUSER001',
  };
  // This API serves the catalog from its own tables, without the backend services (but those
  // the options name).
  const services = await withoutServices();
  const server = await startAppSyncServer(
    buildLocalApiDefinition({
      ...(options.declaration ? { declaration: options.declaration } : {}),
      dynamodbEndpoint,
      tablePrefix,
      role: services.role,
      serviceUrls: { ...services.serviceUrls, ...options.serviceUrls },
      authentication: {
        defaultAuthentication: {
          type: 'AMAZON_COGNITO_USER_POOLS',
          userPoolId: issuer.userPoolId,
          region: LOCAL_REGION,
          issuer: issuer.issuer,
          jwks: { uri: issuer.jwksUri },
          appIdClientRegex: issuer.clientId,
        },
        additionalAuthentications: [
          {
            type: 'API_KEY',
            apiKeys: [
              { id: apiKey, expires: now + 3600 },
              { id: expiredApiKey, expires: now - 60 },
            ],
          },
          { type: 'AWS_IAM', region: LOCAL_REGION, principals: (id) => (id === iamUser.accessKeyId ? iamUser : undefined) },
        ],
      },
    }),
  );
  return {
    server,
    graphqlUrl: server.graphqlUrl,
    apiKey,
    expiredApiKey,
    issuer,
    iamUser,
    tablePrefix,
    dynamodbEndpoint,
    close: async () => {
      await server.close();
      await issuer.close();
    },
  };
}
