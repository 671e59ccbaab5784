// One call stands up an AppSync API from a schema, resolver bundles and data sources:
// `createAppSyncApi(definition)` for an in-process engine, HTTP handler and real-time endpoint,
// and `startAppSyncServer(definition)` to serve both. See the package's README.md.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AuthConfig, createAuthenticator, createFieldAuthorizer } from './auth/index.ts';
import { createDynamoDbDataSource, type DynamoDbDataSourceConfig } from './datasources/dynamodb/index.ts';
import { createEventBridgeDataSource, type EventBridgeDataSourceConfig } from './datasources/eventbridge.ts';
import { createHttpDataSource, type HttpDataSourceConfig } from './datasources/http.ts';
import { createLambdaDataSource, type LambdaDataSourceConfig } from './datasources/lambda/index.ts';
import { createNoneDataSource } from './datasources/none.ts';
import type { DataSource } from './datasources/types.ts';
import { GraphQLEngine } from './execution/engine.ts';
import type { ApiLimits } from './execution/limits.ts';
import type { PipelineFunction, Resolver } from './execution/resolverRunner.ts';
import { buildAppSyncSchema } from './execution/schema.ts';
import { type EvaluatorOptions, JsEvaluator } from './js/evaluator.ts';
import { attachRealtime, createRealtimeEndpoint, type RealtimeEndpoint, type RealtimeOptions } from './realtime/index.ts';
import { createGraphQLHttpHandler, listen, type RunningServer } from './server.ts';

export type DataSourceDefinition =
  | ({ type: 'AMAZON_DYNAMODB' } & DynamoDbDataSourceConfig)
  | ({ type: 'HTTP' } & HttpDataSourceConfig)
  | ({ type: 'AMAZON_EVENTBRIDGE' } & EventBridgeDataSourceConfig)
  | ({ type: 'AWS_LAMBDA' } & LambdaDataSourceConfig)
  | { type: 'NONE' };

export type ResolverDefinition =
  | { typeName: string; fieldName: string; kind?: 'UNIT'; dataSource: string; code: string; maxBatchSize?: number }
  | { typeName: string; fieldName: string; kind: 'PIPELINE'; functions: string[]; code: string };

export interface FunctionDefinition {
  dataSource: string;
  code: string;
  /** With an AWS_LAMBDA data source: the most BatchInvoke calls one invocation takes (0–2000; 0 or none: no batching). */
  maxBatchSize?: number;
}

export interface AppSyncApiDefinition {
  /** The schema as deployed (AppSync's scalars and directives need no declaring). */
  schema: string;
  authentication: AuthConfig;
  dataSources: Record<string, DataSourceDefinition>;
  /** Pipeline functions by name. */
  functions?: Record<string, FunctionDefinition>;
  resolvers: ResolverDefinition[];
  /** ctx.env of every resolver. */
  environmentVariables?: Record<string, string>;
  /** Time limit of one handler call (request or response). */
  resolverTimeoutMs?: number;
  /**
   * The API's `queryDepthLimit`, `resolverCountLimit` and introspection setting, as
   * CreateGraphqlApi takes them, and the request time limit (AppSync's 30 s; tests shorten it).
   */
  limits?: ApiLimits;
  maxRequestBytes?: number;
  log?: EvaluatorOptions['log'];
  /** Timers of the real-time endpoint (tests shorten them). */
  realtime?: RealtimeOptions;
}

export interface AppSyncApi {
  readonly engine: GraphQLEngine;
  readonly evaluator: JsEvaluator;
  /**
   * The real-time endpoint: `realtime.handleUpgrade` for a server's 'upgrade' event (or
   * `attachRealtime(server, api.realtime)`), `stats()` for open connections and subscriptions.
   * Mutations run by `engine.execute` publish to it.
   */
  readonly realtime: RealtimeEndpoint;
  /** The node:http handler of POST/GET /graphql; other paths go to `fallback`. */
  handler(
    fallback?: (request: IncomingMessage, response: ServerResponse) => void,
  ): (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  /** Closes the real-time connections and the data sources. */
  close(): void;
}

export class ApiDefinitionError extends Error {
  override name = 'ApiDefinitionError';
}

export function createAppSyncApi(definition: AppSyncApiDefinition): AppSyncApi {
  const schema = buildAppSyncSchema(definition.schema);
  const evaluator = new JsEvaluator({ timeoutMs: definition.resolverTimeoutMs, log: definition.log });
  const dataSources = new Map(
    Object.entries(definition.dataSources).map(([name, config]) => [name, createDataSource(config)] as const),
  );
  const dataSourceNamed = (name: string, user: string): DataSource => {
    const found = dataSources.get(name);
    if (!found) throw new ApiDefinitionError(`${user} uses data source "${name}", which is not defined.`);
    return found;
  };
  const functions = new Map<string, PipelineFunction>(
    Object.entries(definition.functions ?? {}).map(([name, fn]) => [
      name,
      {
        name,
        code: evaluator.load(fn.code, `${name}.js`),
        dataSource: dataSourceNamed(fn.dataSource, `Function ${name}`),
        maxBatchSize: validMaxBatchSize(fn.maxBatchSize, `Function ${name}`),
      },
    ]),
  );
  const resolvers = new Map<string, Resolver>();
  for (const r of definition.resolvers) {
    const coordinate = `${r.typeName}.${r.fieldName}`;
    assertFieldExists(schema, r.typeName, r.fieldName);
    if (resolvers.has(coordinate)) throw new ApiDefinitionError(`${coordinate} has two resolvers.`);
    const code = evaluator.load(r.code, `${coordinate}.js`);
    if (r.kind === 'PIPELINE') {
      const pipeline = r.functions.map((name) => {
        const fn = functions.get(name);
        if (!fn) throw new ApiDefinitionError(`${coordinate} uses function "${name}", which is not defined.`);
        return fn;
      });
      resolvers.set(coordinate, { kind: 'PIPELINE', typeName: r.typeName, fieldName: r.fieldName, code, functions: pipeline });
    } else {
      resolvers.set(coordinate, {
        kind: 'UNIT',
        typeName: r.typeName,
        fieldName: r.fieldName,
        code,
        dataSource: dataSourceNamed(r.dataSource, coordinate),
        maxBatchSize: validMaxBatchSize(r.maxBatchSize, coordinate),
      });
    }
  }
  const authenticator = createAuthenticator(definition.authentication);
  const engine = new GraphQLEngine(schema, resolvers, createFieldAuthorizer(schema, definition.authentication), evaluator, {
    // Called only once a mutation has run, by which time `realtime` is set.
    onMutation: (event) => void realtime.publish(event),
    limits: definition.limits,
  });
  const realtime = createRealtimeEndpoint({
    engine,
    authenticator,
    environmentVariables: definition.environmentVariables ?? {},
    realtime: definition.realtime,
  });
  return {
    engine,
    evaluator,
    realtime,
    handler: (fallback) =>
      createGraphQLHttpHandler({
        engine,
        environmentVariables: definition.environmentVariables ?? {},
        maxRequestBytes: definition.maxRequestBytes,
        fallback,
        authenticate: (request) => authenticator.authenticate(request),
      }),
    close: () => {
      realtime.closeAll();
      for (const dataSource of dataSources.values()) dataSource.close?.();
    },
  };
}

export interface AppSyncServer extends RunningServer {
  readonly api: AppSyncApi;
  /** The GraphQL endpoint, `${url}/graphql`. */
  readonly graphqlUrl: string;
  /** The real-time endpoint, `ws://…/graphql/realtime`. */
  readonly realtimeUrl: string;
}

/** Serves an API, its real-time endpoint included, on 127.0.0.1 (port 0: any free port). */
export async function startAppSyncServer(
  definition: AppSyncApiDefinition,
  options: { port?: number; host?: string } = {},
): Promise<AppSyncServer> {
  const api = createAppSyncApi(definition);
  const running = await listen(api.handler(), options.port ?? 0, options.host);
  attachRealtime(running.server, api.realtime);
  return {
    ...running,
    api,
    graphqlUrl: `${running.url}/graphql`,
    realtimeUrl: `${running.url.replace(/^http/, 'ws')}/graphql/realtime`,
    close: async () => {
      api.close();
      await running.close();
    },
  };
}

function createDataSource(definition: DataSourceDefinition): DataSource {
  switch (definition.type) {
    case 'AMAZON_DYNAMODB':
      return createDynamoDbDataSource(definition);
    case 'HTTP':
      return createHttpDataSource(definition);
    case 'AMAZON_EVENTBRIDGE':
      return createEventBridgeDataSource(definition);
    case 'AWS_LAMBDA':
      return createLambdaDataSource(definition);
    case 'NONE':
      return createNoneDataSource();
  }
}

/** AppSync's range for a resolver's or function's maxBatchSize (CreateResolver, CreateFunction). */
const MAX_BATCH_SIZE = 2000;

function validMaxBatchSize(value: number | undefined, user: string): number | undefined {
  if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > MAX_BATCH_SIZE)) {
    throw new ApiDefinitionError(`${user}: maxBatchSize must be an integer from 0 to ${MAX_BATCH_SIZE}, not ${value}.`);
  }
  return value;
}

function assertFieldExists(schema: ReturnType<typeof buildAppSyncSchema>, typeName: string, fieldName: string): void {
  const type = schema.getType(typeName);
  if (!type || !('getFields' in type) || !(fieldName in type.getFields())) {
    throw new ApiDefinitionError(`No field named ${fieldName} found on type ${typeName}.`);
  }
}
