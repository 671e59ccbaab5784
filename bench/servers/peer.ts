// The peer: the same query through Amplify's AppSync simulator (@aws-amplify/amplify-appsync-simulator,
// the engine behind `amplify mock api`), with the usual VTL GetItem resolver on the same DynamoDB
// Local table. The simulator lives in bench/peer (its own package.json and node_modules, installed
// by bench/peer/install.ts) so that its ~300 MB of dependencies never enter the product's; it is
// therefore loaded with a require rooted there, and typed here only as far as this file uses it.
import { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { PRODUCTS_TABLE } from '../../system/tables.ts';
import { PRODUCT_SCHEMA_SDL } from './productSchema.ts';
import { announceAndServe, failStart, readSettings } from './lifecycle.ts';

const SIMULATOR_PACKAGE = '@aws-amplify/amplify-appsync-simulator';

/** The simulator's configuration (its type-definition.d.ts), as far as it is used here. */
interface SimulatorConfig {
  readonly appSync: {
    readonly name: string;
    readonly apiKey: string;
    readonly defaultAuthenticationType: { readonly authenticationType: 'API_KEY' };
    readonly additionalAuthenticationProviders: readonly never[];
  };
  readonly schema: { readonly content: string };
  readonly dataSources: readonly {
    readonly type: 'AMAZON_DYNAMODB';
    readonly name: string;
    /** Spread into `new DynamoDBClient(…)`, so SDK v3 options (`credentials`) work here too. */
    readonly config: {
      readonly endpoint: string;
      readonly region: string;
      readonly tableName: string;
      readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
    };
  }[];
  /** Parsed once, at init. (Inline templates in a resolver would be parsed on every request.) */
  readonly mappingTemplates: readonly { readonly path: string; readonly content: string }[];
  readonly resolvers: readonly {
    readonly kind: 'UNIT';
    readonly typeName: string;
    readonly fieldName: string;
    readonly dataSourceName: string;
    readonly requestMappingTemplateLocation: string;
    readonly responseMappingTemplateLocation: string;
  }[];
}

interface Simulator {
  init(config: SimulatorConfig): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface SimulatorModule {
  AmplifyAppSyncSimulator: new () => Simulator;
}

// The standard VTL GetItem resolver, as `amplify mock` would load it from its resolvers/ folder;
// like our resolver (resultOrError), a data source error becomes a GraphQL error.
const MAPPING_TEMPLATES = [
  {
    path: 'Query.getProduct.req.vtl',
    content:
      '{"version":"2018-05-29","operation":"GetItem","key":{"productId":$util.dynamodb.toDynamoDBJson($ctx.args.productId)}}',
  },
  {
    path: 'Query.getProduct.res.vtl',
    content: '#if($ctx.error)$util.error($ctx.error.message, $ctx.error.type)#end\n$util.toJson($ctx.result)',
  },
];

function loadSimulator(): SimulatorModule {
  const require = createRequire(new URL('../peer/package.json', import.meta.url));
  try {
    return require(SIMULATOR_PACKAGE) as SimulatorModule;
  } catch (error) {
    const reason = (error as Error).message;
    throw new Error(`${SIMULATOR_PACKAGE} is not installed in bench/peer (bench/peer/install.ts installs it): ${reason}`);
  }
}

/**
 * The simulator has no host setting: it listens on every interface, on a port it probes for in
 * 8900–9999. Its HTTP server (a private field, reached here for the exact version pinned in
 * bench/peer/package.json) is made to listen on an OS-assigned port of 127.0.0.1 instead. Its
 * real-time WebSocket endpoint (/graphql/realtime) shares that server: there is no second port.
 */
function bindToLoopback(simulator: Simulator): Server {
  const server = (simulator as unknown as { _server?: { _httpServer?: unknown } })._server?._httpServer;
  if (!(server instanceof Server)) throw new Error(`${SIMULATOR_PACKAGE}: its HTTP server is not where this version keeps it.`);
  const listen = server.listen.bind(server);
  server.listen = (() => listen(0, '127.0.0.1')) as Server['listen'];
  server.keepAliveTimeout = 65_000;
  return server;
}

try {
  const settings = readSettings();
  // The simulator reports errors with console.log; stdout carries our READY line.
  console.log = console.error;
  const { AmplifyAppSyncSimulator } = loadSimulator();
  const simulator = new AmplifyAppSyncSimulator();
  const server = bindToLoopback(simulator);
  simulator.init({
    appSync: {
      name: 'bench-peer',
      apiKey: settings.apiKey,
      defaultAuthenticationType: { authenticationType: 'API_KEY' },
      additionalAuthenticationProviders: [],
    },
    schema: { content: PRODUCT_SCHEMA_SDL },
    mappingTemplates: MAPPING_TEMPLATES,
    dataSources: [
      {
        type: 'AMAZON_DYNAMODB',
        name: 'products',
        config: {
          endpoint: settings.dynamodbEndpoint,
          region: LOCAL_REGION,
          tableName: `${settings.tablePrefix}${PRODUCTS_TABLE.name}`,
          credentials: LOCAL_CREDENTIALS,
        },
      },
    ],
    resolvers: [
      {
        kind: 'UNIT',
        typeName: 'Query',
        fieldName: 'getProduct',
        dataSourceName: 'products',
        requestMappingTemplateLocation: 'Query.getProduct.req.vtl',
        responseMappingTemplateLocation: 'Query.getProduct.res.vtl',
      },
    ],
  });
  await simulator.start();
  const { port } = server.address() as AddressInfo;
  announceAndServe(`http://127.0.0.1:${port}/graphql`, async () => {
    await simulator.stop();
    server.closeAllConnections();
  });
} catch (error) {
  failStart(error);
}
