// The whole system on one machine, built from the one declaration (system/): DynamoDB Local,
// cognito-local, a REST API host for the backend services, the event bus with its rules, the
// stream pollers, the payment provider simulator and the AppSync runtime with its explorer.
// `npm start` and the test suite's global setup both run it.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { demoCatalog } from '../backend-services/products/seed/demoCatalog.ts';
import { formatPaymentSecret } from '../backend-services/payment/domain/paymentSecret.ts';
import { USER_GROUPS } from '../system/api.ts';
import { BUCKETS, type InvoicingSettings, type MailSettings } from '../system/serviceResources.ts';
import { SYSTEM, type SystemDeclaration } from '../system/index.ts';
import { PRODUCTS_TABLE } from '../system/tables.ts';
import { buildLocalApiDefinition, LOCAL_API_ID } from './apiDefinition.ts';
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
import type { PaymentGateway } from './payment-provider/gateway.ts';
import { createSecretsManager, type LocalSecretsManager } from 'appsync-local/secretsmanager/index.ts';
import { setPaginationSealingKey } from 'appsync-local/appsync/datasources/dynamodb/nextToken.ts';
import { openLocalState } from './localState.ts';
import { startLocalSns } from 'appsync-local/sns/index.ts';
import type { DeadLetter } from 'appsync-local/eventbridge/index.ts';
import { ALERT_TOPICS, type AlertTopicName } from '../system/alerts.ts';
import { deadLetterReporter } from './deadLetterAlerts.ts';
import { LOCAL_S3_CREDENTIALS, type ObjectCreatedEvent, startLocalS3, toPutEventsEntry } from 'appsync-local/s3/index.ts';
import { assertPortsFree, findFreePort } from 'appsync-local/ports.ts';
import { servicePorts, serviceUrls, startServices } from './services.ts';
import { startEventPlatform } from './eventPlatform.ts';
import { apiRouteGrants, createServiceFunctions } from './functions.ts';
import { type PortName, stackPorts } from './stackPorts.ts';
import type { EventBridgeEvent } from 'appsync-local/eventbridge/event.ts';
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
  /** The gateway payments' timing: how long a shopper has to pay, when the sweep looks, how often it runs. */
  gateway?: Partial<LocalGatewayTiming>;
  /** Sees every event the bus accepts (the tests check each against its service's schema). */
  onEvent?: (event: EventBridgeEvent) => void;
  /** The seller, currency and download URLs' lifetime on invoices; LOCAL_INVOICING where unset. */
  invoicing?: Partial<InvoicingSettings>;
  /** The sender, shop name, URL and currency of the emails; LOCAL_MAIL where unset. */
  mail?: Partial<MailSettings>;
  /**
   * Where to keep the tables, users, objects, emails and keys across restarts (`npm start`:
   * `.local-state/`); absent, everything is temporary and gone when the stack stops.
   */
  stateDir?: string;
  /** With `stateDir`: start from an empty folder, removing what it held. */
  fresh?: boolean;
}

/** What infra/app.ts's context defaults say, for a local seller. */
export const LOCAL_INVOICING: InvoicingSettings = {
  sellerName: 'Commerce Local Ltd',
  sellerAddress: '1 Market Street\nLondon EC1A 1AA',
  sellerVatId: 'GB000000000',
  currency: 'EUR',
  urlTtlSeconds: '300',
};

/** What infra/app.ts's context defaults say, for a local shop (the storefront on its usual dev port). */
export const LOCAL_MAIL: MailSettings = {
  from: 'Commerce Local <orders@commerce.localhost>',
  shopName: 'Commerce Local',
  shopUrl: 'http://localhost:3000',
  currency: 'EUR',
};

/** Who the local alert topics email (the `alertEmail` of a deployment): read it in the local mailbox. */
export const LOCAL_TEAM_EMAIL = 'team@commerce.localhost';

/** Each bucket (system/serviceResources.ts BUCKETS) as the local S3 names it. */
export const LOCAL_BUCKETS: Readonly<Record<string, string>> = Object.fromEntries(BUCKETS.map((b) => [b, `commerce-${b}`]));

export interface LocalGatewayTiming {
  /** The gateway's expire_duration_seconds. */
  readonly paymentTtlSeconds: number;
  /** How long a payment stays PENDING before the sweep asks the gateway about it. */
  readonly sweepGraceSeconds: number;
  /** How often the sweep runs here (on AWS: its rate, every minute). */
  readonly sweepIntervalMs: number;
}

/** As on AWS, but for the sweep, which runs more often so that a developer does not wait a minute. */
export const LOCAL_GATEWAY_TIMING: LocalGatewayTiming = {
  paymentTtlSeconds: 900,
  sweepGraceSeconds: 60,
  sweepIntervalMs: 15_000,
};

/** Zalo Pay's sandbox app id: the simulator answers as the gateway does for it. */
const LOCAL_GATEWAY_APP_ID = 2553;

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
  /** The gateway simulator (Zalo Pay v2) inside it, with its app's keys. */
  readonly gateway: { readonly simulator: PaymentGateway; readonly appId: number; readonly key1: string; readonly key2: string };
  /** The local Secrets Manager, holding the payment service's keys (`payment` secret). */
  readonly secrets: LocalSecretsManager;
  /** The local S3 and each bucket's name there, by logical name (LOCAL_BUCKETS). */
  readonly s3: { readonly endpoint: string; readonly buckets: Readonly<Record<string, string>> };
  /** The local mailbox: its web inbox (REST API under /api) and SMTP server. */
  readonly mailbox: { readonly url: string; readonly smtp: { readonly host: string; readonly port: number } };
  stop(): Promise<void>;
}

/** The payment service's secret (JSON `{ providerSecretKey, gatewayKey1, gatewayKey2 }`), as on AWS. */
export const PAYMENT_SECRET_NAME = 'commerce/payment';

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const declaration = options.declaration ?? SYSTEM;
  const log = options.log ?? (() => undefined);
  const ports = stackPorts(options.ports ?? 'environment');
  // First, so that what a crashed run left holding its ports is stopped before they are checked.
  const state = await openLocalState(options.stateDir, { fresh: options.fresh ?? false, log });
  setPaginationSealingKey(state.paginationKey);
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
    state.forgetProcesses();
  };
  /** Either process, once it answers, is stopped with the stack, even if the other fails to start. */
  const stoppedWithTheStack = async <T extends { stop(): Promise<void> }>(starting: Promise<T>): Promise<T> => {
    const started = await starting;
    stops.push(() => started.stop());
    return started;
  };
  try {
    // DynamoDB Local's JVM and cognito-local take seconds to answer, and only the tables, the user
    // pool and what starts after them need either: the servers that do not (payment provider,
    // Secrets Manager, S3, mailbox, SNS, the API's port) start meanwhile, on the other core.
    log('starting DynamoDB Local and cognito-local …');
    // The mailbox's module loads maildev, the slowest of the stack's modules to load (a second or
    // more): loaded now, beside the JVM's start, rather than before anything starts.
    const mailModule = import('appsync-local/mail/index.ts');
    // Its failure is thrown where it is awaited, unless an earlier part failed first.
    mailModule.catch(() => undefined);
    const startingProcesses = (async () => {
      const [dynamodb, cognito] = await allStarted([
        stoppedWithTheStack(
          startDynamoDbLocal({ port: port('dynamodb'), ...(state.dynamodbPath ? { dbPath: state.dynamodbPath } : {}) }),
        ),
        stoppedWithTheStack(
          startCognitoLocal({ port: port('cognito'), ...(state.cognitoDir ? { stateDir: state.cognitoDir } : {}) }),
        ),
      ]);
      state.noteProcesses({ dynamodb: dynamodb.pid, cognito: cognito.pid });

      // Tables, the pool, its groups and the demo users are made when missing (each start); the demo
      // catalog is seeded once into a kept state, so what a day's work changed of it stays changed.
      const client = createLocalDynamoDbClient(dynamodb.endpoint);
      await createTables(client, declaration.tables);
      const [pool] = await Promise.all([
        provisionUserPool(cognito.endpoint, STORE_USER_POOL),
        state.seeded ? undefined : seedItems(client, PRODUCTS_TABLE.name, PRODUCTS_TABLE.partitionKey.name, demoCatalog()),
      ]);
      client.destroy();
      state.markSeeded();
      return { dynamodb, cognito, pool };
    })();

    const iam = new LocalIam();
    // The developer: every local right, with a key pair kept in the state folder (custom.local.credentials).
    iam.createRole('developer', [{ effect: 'Allow', action: '*', resource: '*' }], state.developer);
    // As the CDK app grants it: each HTTP data source the routes it names (the API puts no events:
    // the CDK app deploys no EventBridge data source). The AppSync targets' roles are the event
    // platform's (local/eventPlatform.ts), each allowed only its mutation's fields.
    const apiRole = iam.createRole('appsync-api', apiRouteGrants(declaration, LOCAL_REGION));
    // Fresh keys every run, held by the provider simulators and by the local Secrets Manager, from
    // which the payment service reads them at run time as it does on AWS.
    const paymentSecret = `sk_local_${randomBytes(12).toString('hex')}`;
    const gatewayApp = {
      appId: LOCAL_GATEWAY_APP_ID,
      key1: randomBytes(16).toString('hex'),
      key2: randomBytes(16).toString('hex'),
    };
    const timing = { ...LOCAL_GATEWAY_TIMING, ...options.gateway };
    const secrets = createSecretsManager({
      region: LOCAL_REGION,
      accountId: LOCAL_ACCOUNT_ID,
      secrets: [
        {
          name: PAYMENT_SECRET_NAME,
          secretString: formatPaymentSecret({
            providerSecretKey: paymentSecret,
            gatewayKey1: gatewayApp.key1,
            gatewayKey2: gatewayApp.key2,
          }),
        },
      ],
      principals: iam.principals,
      isAllowed: (principal, action, resource) => iam.isAllowed(principal, action, resource),
    });
    // S3 sends a bucket's Object Created events to the account's default bus (the buckets have
    // EventBridge notifications on, as the CDK app makes them); the bus starts below.
    let onObjectCreated = (_event: ObjectCreatedEvent): void => undefined;
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

    const startingServers = (async () => {
      const payment = await startPaymentProvider({
        secretKey: paymentSecret,
        port: port('paymentProvider'),
        gateway: { ...gatewayApp, minExpireDurationSeconds: Math.min(timing.paymentTtlSeconds, 300) },
      });
      stops.push(() => payment.close());
      const secretsServer = await secrets.listen(0);
      stops.push(() => secretsServer.close());
      const s3 = await startLocalS3({
        port: port('s3'),
        buckets: Object.values(LOCAL_BUCKETS),
        region: LOCAL_REGION,
        accountId: LOCAL_ACCOUNT_ID,
        onObjectCreated: (event) => onObjectCreated(event),
        ...(state.s3Dir ? { directory: state.s3Dir } : {}),
      });
      stops.push(() => s3.close());

      // Where the emails go: SMTP in, a web inbox and its API out.
      const mailbox = await (
        await mailModule
      ).startLocalMailbox({
        smtpPort: port('mailboxSmtp'),
        webPort: port('mailbox'),
        ...(state.mailboxDir ? { mailDirectory: state.mailboxDir } : {}),
      });
      stops.push(() => mailbox.close());

      // The team's alert topics, each subscribed by the local team's address (as `alertEmail` is on
      // AWS), delivered into the same mailbox.
      const sns = await startLocalSns({
        port: port('sns'),
        region: LOCAL_REGION,
        accountId: LOCAL_ACCOUNT_ID,
        topics: ALERT_TOPICS,
        subscriptions: ALERT_TOPICS.map((topic) => ({ topic, protocol: 'email' as const, endpoint: LOCAL_TEAM_EMAIL })),
        smtp: mailbox.smtp,
        principals: iam.principals,
        isAllowed: (principal, action, resource) => iam.isAllowed(principal, action, resource),
      });
      stops.push(() => sns.close());

      const api = await listenHttpAndTls({
        port: port('appsync'),
        tls: certificate,
        request: (req, res) => apiHandler(req, res),
        upgrade: (req, socket, head) => apiUpgrade(req, socket, head),
      });
      stops.push(() => api.close());
      return { payment, secretsServer, s3, mailbox, sns, api };
    })();

    const [{ dynamodb, cognito, pool }, { payment, secretsServer, s3, mailbox, sns, api }] = await allStarted([
      startingProcesses,
      startingServers,
    ]);
    const alertTopicArns = Object.fromEntries(ALERT_TOPICS.map((topic) => [topic, sns.topicArn(topic)])) as Record<
      AlertTopicName,
      string
    >;
    const graphqlUrl = `${api.url}/graphql`;

    // Each service's functions see only their own variables and credentials (local/functions.ts),
    // read when their handlers load (as on Lambda): every address is fixed before any loads.
    const eventBusPort = port('eventBus') || (await findFreePort());
    const urls = serviceUrls(declaration, apiGatewayPorts);
    const functions = createServiceFunctions({
      declaration,
      iam,
      region: LOCAL_REGION,
      dynamodbEndpoint: dynamodb.endpoint,
      eventBus: { name: declaration.eventBusName, endpoint: `http://127.0.0.1:${eventBusPort}` },
      payments: {
        providerUrl: payment.url,
        secretArn: secrets.arnOf(PAYMENT_SECRET_NAME),
        secretsManagerEndpoint: secretsServer.url,
        gateway: {
          url: payment.url,
          appId: gatewayApp.appId,
          callbackUrl: `${urls.payment}/payments/callback`,
          paymentTtlSeconds: timing.paymentTtlSeconds,
          sweepGraceSeconds: timing.sweepGraceSeconds,
        },
      },
      serviceUrls: urls,
      s3: { endpoint: s3.endpoint, credentials: LOCAL_S3_CREDENTIALS, buckets: LOCAL_BUCKETS },
      invoicing: { ...LOCAL_INVOICING, ...options.invoicing },
      mail: { ...LOCAL_MAIL, ...options.mail, smtp: mailbox.smtp },
      alerts: { endpoint: sns.endpoint, topicArns: alertTopicArns },
    });

    const reportToTeam = deadLetterReporter({
      region: LOCAL_REGION,
      snsEndpoint: sns.endpoint,
      topicArn: alertTopicArns['order-errors'],
      role: iam.createRole('dead-letter-alarms', [{ action: 'sns:Publish', resource: alertTopicArns['order-errors'] }]),
      log,
    });
    // Each dead letter is told to the team, and the list kept in the state (taken back below).
    const deadLetterList: { now?: () => DeadLetter[] } = {};
    const reportDeadLetter = (deadLetter: DeadLetter): void => {
      reportToTeam(deadLetter);
      if (deadLetterList.now) state.saveDeadLetters(deadLetterList.now());
    };
    const events = await startEventPlatform({
      declaration,
      iam,
      functions,
      graphqlUrl,
      apiId: LOCAL_API_ID,
      dynamodbEndpoint: dynamodb.endpoint,
      bucketNames: LOCAL_BUCKETS,
      onDeadLetter: reportDeadLetter,
      port: eventBusPort,
      scheduleIntervalMs: timing.sweepIntervalMs,
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
    stops.push(async () => {
      state.saveDeadLetters(events.bus.deadLetters());
      await events.stop();
    });
    deadLetterList.now = () => events.bus.deadLetters();
    const restored = events.bus.restoreDeadLetters(state.loadDeadLetters());
    if (restored > 0) log(`${restored} dead letter(s) of the last run kept: GET /dead-letters, POST /dead-letters/redrive.`);
    onObjectCreated = (event) => {
      const { FailedEntryCount, Entries } = events.bus.putEvents([toPutEventsEntry(event)]);
      if (FailedEntryCount > 0) log(`S3 event not put on the bus: ${JSON.stringify(Entries)}`);
    };

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
            {
              type: 'AWS_IAM',
              region: LOCAL_REGION,
              principals: iam.principals,
              policy: { apiId: LOCAL_API_ID, accountId: LOCAL_ACCOUNT_ID, isAllowed: (p, a, r) => iam.isAllowed(p, a, r) },
            },
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
      s3Endpoint: s3.endpoint,
      mailboxUrl: mailbox.url,
      dynamodbEndpoint: dynamodb.endpoint,
      snsEndpoint: sns.endpoint,
      alertEmail: LOCAL_TEAM_EMAIL,
      credentials: { accessKeyId: state.developer.accessKeyId, secretAccessKey: state.developer.secretAccessKey },
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
      gateway: { simulator: payment.gateway!, ...gatewayApp },
      secrets,
      s3: { endpoint: s3.endpoint, buckets: LOCAL_BUCKETS },
      mailbox: { url: mailbox.url, smtp: mailbox.smtp },
      settle: (timeoutMs) => events.settle(timeoutMs),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Waits for every start, also after one has failed (Promise.all would stop waiting): each part
 * registers its stop as it starts, so that a failure stops everything started, none left
 * starting behind it. Then the first failure is thrown.
 */
async function allStarted<T extends readonly unknown[]>(starts: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
