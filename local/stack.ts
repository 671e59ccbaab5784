// The whole system on one machine, built from the one declaration (system/): DynamoDB Local,
// cognito-local, a REST API host for the backend services, the event bus with its rules, the
// stream pollers, the payment provider simulator and the AppSync runtime with its explorer.
// `npm start` and the test suite's global setup both run it.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { demoCatalog } from '../backend-services/products/seed/demoCatalog.ts';
import { USER_GROUPS } from '../system/api.ts';
import { SYSTEM, type SystemDeclaration } from '../system/index.ts';
import { PRODUCTS_TABLE } from '../system/tables.ts';
import { buildLocalApiDefinition } from './apiDefinition.ts';
import { createAppSyncApi } from 'appsync-local/appsync/api.ts';
import { cognitoAuthProvider, provisionUserPool, startCognitoLocal } from 'appsync-local/cognito/index.ts';
import { DEMO_USERS, STORE_USER_POOL } from './demoUsers.ts';
import { startDynamoDbLocal } from 'appsync-local/dynamodb/launcher.ts';
import { seedItems } from 'appsync-local/dynamodb/seed.ts';
import { createLocalDynamoDbClient, createTables, LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { createExplorerHandler } from 'appsync-local/explorer/serve.ts';
import { LOCAL_ACCOUNT_ID, LocalIam } from 'appsync-local/iam/principals.ts';
import { type AmplifyOutputs, buildAmplifyOutputs, writeAmplifyOutputs } from './outputs.ts';
import { startPaymentProvider } from './payment-provider/server.ts';
import { assertPortsFree, findFreePort } from 'appsync-local/ports.ts';
import { servicePorts, serviceUrls, startServices } from './services.ts';
import { startEventPlatform } from './eventPlatform.ts';
import { apiRouteGrants, createServiceFunctions } from './functions.ts';
import { type PortName, stackPorts } from './stackPorts.ts';
import { createLocalCertificate } from 'appsync-local/tls/certificate.ts';
import { listenHttpAndTls, refuseUpgrade, type RequestHandler, type UpgradeHandler } from 'appsync-local/tls/dualServer.ts';

export interface LocalStackOptions {
  declaration?: SystemDeclaration;
  /** 'environment' (npm start): fixed ports from the environment; 'any-free' (tests). */
  ports?: 'environment' | 'any-free';
  /** Where to write amplify_outputs.json; nothing is written without it. */
  outputsFile?: string;
  /**
   * Where to write the API's TLS certificate (PEM, public); by default `localhost-cert.pem`
   * beside `outputsFile`. Without either it is only in the outputs.
   */
  certificateFile?: string;
  log?: (line: string) => void;
}

export interface LocalStack {
  readonly outputs: AmplifyOutputs;
  readonly dynamodbEndpoint: string;
  readonly iam: LocalIam;
  /** Waits until the event bus and the stream pollers have nothing left to do. */
  settle(timeoutMs?: number): Promise<void>;
  readonly events: Awaited<ReturnType<typeof startEventPlatform>>;
  readonly services: Awaited<ReturnType<typeof startServices>>;
  /** The payment provider simulator and the payment backend's secret key to it. */
  readonly paymentProvider: { readonly url: string; readonly secretKey: string };
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const declaration = options.declaration ?? SYSTEM;
  const log = options.log ?? (() => undefined);
  const ports = stackPorts(options.ports ?? 'environment');
  const apiGatewayPorts = await servicePorts(declaration, ports.apiGateway.port);
  await assertPortsFree({
    ...ports,
    ...Object.fromEntries(apiGatewayPorts.map((port, i) => [`service${i}`, { port, variable: ports.apiGateway.variable }])),
  });
  const port = (name: PortName): number => ports[name].port;

  const stops: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const stopPart of stops.reverse()) await stopPart().catch((error: unknown) => log(`stop: ${String(error)}`));
    stops.length = 0;
  };
  try {
    log('starting DynamoDB Local and cognito-local …');
    const [dynamodb, cognito] = await Promise.all([
      startDynamoDbLocal({ port: port('dynamodb') }),
      startCognitoLocal({ port: port('cognito') }),
    ]);
    stops.push(
      () => dynamodb.stop(),
      () => cognito.stop(),
    );

    const client = createLocalDynamoDbClient(dynamodb.endpoint);
    await createTables(client, declaration.tables);
    const [pool] = await Promise.all([
      provisionUserPool(cognito.endpoint, STORE_USER_POOL),
      seedItems(client, PRODUCTS_TABLE.name, PRODUCTS_TABLE.partitionKey.name, demoCatalog()),
    ]);
    client.destroy();

    const iam = new LocalIam();
    // As the CDK app grants it: each HTTP data source the routes it names, and the bus.
    const apiRole = iam.createRole('appsync-api', [
      ...apiRouteGrants(declaration, LOCAL_REGION),
      {
        action: 'events:PutEvents',
        resource: `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:event-bus/${declaration.eventBusName}`,
      },
    ]);
    const eventsRole = iam.createRole('eventbridge-appsync-target', [{ action: 'appsync:GraphQL', resource: '*' }]);
    const paymentSecret = `sk_local_${randomBytes(12).toString('hex')}`;
    const payment = await startPaymentProvider({ secretKey: paymentSecret, port: port('paymentProvider') });
    stops.push(() => payment.close());

    // The API's port is listening before anything can call it; its handlers are set below. It
    // speaks plain HTTP and TLS alike (Amplify v6 derives wss:// on the same port from http://),
    // with a certificate made now for this run.
    const certificate = createLocalCertificate();
    const certificateFile =
      options.certificateFile ?? (options.outputsFile ? join(dirname(options.outputsFile), 'localhost-cert.pem') : undefined);
    if (certificateFile) {
      mkdirSync(dirname(certificateFile), { recursive: true });
      writeFileSync(certificateFile, certificate.certificatePem);
    }
    let apiHandler: RequestHandler = (_req, res) => {
      res.writeHead(503).end();
    };
    let apiUpgrade: UpgradeHandler = refuseUpgrade;
    const api = await listenHttpAndTls({
      port: port('appsync'),
      tls: certificate,
      request: (req, res) => apiHandler(req, res),
      upgrade: (req, socket, head) => apiUpgrade(req, socket, head),
    });
    stops.push(() => api.close());
    const graphqlUrl = `${api.url}/graphql`;

    // Each service's functions see only their own variables and credentials (local/functions.ts),
    // read when their handlers load (as on Lambda): every address is fixed before any loads.
    const eventBusPort = port('eventBus') || (await findFreePort());
    const functions = createServiceFunctions({
      declaration,
      iam,
      region: LOCAL_REGION,
      dynamodbEndpoint: dynamodb.endpoint,
      eventBus: { name: declaration.eventBusName, endpoint: `http://127.0.0.1:${eventBusPort}` },
      paymentProvider: { url: payment.url, secretKey: paymentSecret },
      serviceUrls: serviceUrls(declaration, apiGatewayPorts),
    });

    const events = await startEventPlatform({
      declaration,
      iam,
      functions,
      graphqlUrl,
      appsyncTargetRole: eventsRole,
      dynamodbEndpoint: dynamodb.endpoint,
      port: eventBusPort,
    });
    stops.push(() => events.stop());

    const services = await startServices({ declaration, iam, functions, ports: apiGatewayPorts });
    stops.push(() => services.stop());

    const apiKey = process.env.APPSYNC_API_KEY ?? `da2-${randomBytes(13).toString('hex')}`;
    const appsync = createAppSyncApi(
      buildLocalApiDefinition({
        declaration,
        dynamodbEndpoint: dynamodb.endpoint,
        role: apiRole,
        serviceUrls: services.origins,
        eventBus: { endpoint: events.endpoint, name: declaration.eventBusName },
        authentication: {
          defaultAuthentication: cognitoAuthProvider(pool),
          additionalAuthentications: [
            { type: 'API_KEY', apiKeys: [{ id: apiKey, expires: Math.floor(Date.now() / 1000) + 365 * 86400 }] },
            { type: 'AWS_IAM', region: LOCAL_REGION, principals: iam.principals },
          ],
        },
      }),
    );
    stops.push(async () => appsync.close());

    const local = {
      graphqlUrl,
      realtimeUrl: `${api.url.replace(/^http/, 'ws')}/graphql/realtime`,
      explorerUrl: `${api.url}/`,
      cognitoEndpoint: cognito.endpoint,
      userPoolId: pool.userPoolId,
      userPoolClientId: pool.userPoolClientId,
      apiKey,
      paymentProviderUrl: payment.url,
      eventBusEndpoint: events.endpoint,
      region: LOCAL_REGION,
    };
    const localTls = {
      graphqlUrl: `${api.tlsUrl}/graphql`,
      realtimeUrl: `${api.tlsUrl.replace(/^https/, 'wss')}/graphql/realtime`,
      certificatePem: certificate.certificatePem,
      certificateFile: certificateFile ?? null,
    };
    const outputs = buildAmplifyOutputs(local, localTls, DEMO_USERS, USER_GROUPS);
    apiHandler = appsync.handler(createExplorerHandler({ ...local, demoUsers: outputs.custom.local.demoUsers }));
    // Every WebSocket upgrade on the API's port, ws:// and wss:// alike: the real-time endpoint
    // (`/graphql/realtime`; anything else is answered 404 there).
    apiUpgrade = (req, socket, head) => appsync.realtime.handleUpgrade(req, socket, head);
    if (options.outputsFile) writeAmplifyOutputs(options.outputsFile, outputs);

    return {
      outputs,
      dynamodbEndpoint: dynamodb.endpoint,
      iam,
      events,
      services,
      paymentProvider: { url: payment.url, secretKey: paymentSecret },
      settle: (timeoutMs) => events.settle(timeoutMs),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
