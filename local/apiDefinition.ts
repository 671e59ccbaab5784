// Turns the system's one declaration (system/) into a definition the local AppSync runtime
// serves: the deployed schema, the resolver bundles from build/resolvers, and data sources
// pointed at local stand-ins.
import { readFileSync } from 'node:fs';
import { type DataSourceDeclaration, tableEnvironmentName } from '../system/api.ts';
import { functionBundlePath, resolverBundlePath, SCHEMA_FILE } from '../system/artifacts.ts';
import { SYSTEM, type SystemDeclaration } from '../system/index.ts';
import { LocalIam } from 'appsync-local/iam/principals.ts';
import { findFreePort } from 'appsync-local/ports.ts';
import type { AppSyncApiDefinition, DataSourceDefinition } from 'appsync-local/appsync/api.ts';
import type { AuthConfig } from 'appsync-local/appsync/auth/index.ts';
import type { AwsCredentials } from 'appsync-local/appsync/datasources/http.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';

/** The local API's id, in its field ARNs (`arn:aws:appsync:<region>:<account>:apis/<id>/…`). */
export const LOCAL_API_ID = 'commercelocal';

export interface LocalApiOptions {
  /** What to serve; the system's own declaration by default. */
  declaration?: SystemDeclaration;
  dynamodbEndpoint: string;
  authentication: AuthConfig;
  /** Prepended to every table name (tests use it to keep runs apart). */
  tablePrefix?: string;
  /** The API's role: signs HTTP data-source calls and PutEvents. */
  role?: AwsCredentials;
  /** The base URL (with stage) of each backend service's REST API. */
  serviceUrls?: Readonly<Record<string, string>>;
  eventBus?: { endpoint: string; name: string };
}

export function buildLocalApiDefinition(options: LocalApiOptions): AppSyncApiDefinition {
  const system = options.declaration ?? SYSTEM;
  const prefix = options.tablePrefix ?? '';
  const dataSources: Record<string, DataSourceDefinition> = {};
  for (const [name, declaration] of Object.entries(system.dataSources)) {
    dataSources[name] = localDataSource(name, declaration, system, options);
  }
  return {
    schema: readFileSync(SCHEMA_FILE, 'utf8'),
    authentication: options.authentication,
    dataSources,
    functions: Object.fromEntries(
      system.functions.map((fn) => [fn.name, { dataSource: fn.dataSource, code: readBundle(functionBundlePath(fn.name)) }]),
    ),
    resolvers: system.resolvers.map((r) => {
      const code = readBundle(resolverBundlePath(r.typeName, r.fieldName));
      return r.kind === 'PIPELINE'
        ? { typeName: r.typeName, fieldName: r.fieldName, kind: 'PIPELINE' as const, functions: [...r.functions], code }
        : { typeName: r.typeName, fieldName: r.fieldName, kind: 'UNIT' as const, dataSource: r.dataSource, code };
    }),
    environmentVariables: Object.fromEntries(system.tables.map((t) => [tableEnvironmentName(t.name), `${prefix}${t.name}`])),
    limits: { ...system.apiLimits, requestTimeoutMs: system.timeouts.appsyncRequestMs },
  };
}

/**
 * Options for an API served without the backend services (tests and benchmarks of the catalog):
 * its HTTP data sources point at a closed port, so a call answers ctx.error rather than reaching
 * something else.
 */
export async function withoutServices(
  declaration: SystemDeclaration = SYSTEM,
): Promise<Pick<LocalApiOptions, 'role' | 'serviceUrls'>> {
  const closedPort = await findFreePort();
  return {
    role: new LocalIam().createRole('appsync-api'),
    serviceUrls: Object.fromEntries(declaration.services.map((service) => [service.name, `http://127.0.0.1:${closedPort}`])),
  };
}

function localDataSource(
  name: string,
  declaration: DataSourceDeclaration,
  system: SystemDeclaration,
  options: LocalApiOptions,
): DataSourceDefinition {
  switch (declaration.type) {
    case 'AMAZON_DYNAMODB':
      return {
        type: 'AMAZON_DYNAMODB',
        tableName: `${options.tablePrefix ?? ''}${declaration.table}`,
        region: LOCAL_REGION,
        endpoint: options.dynamodbEndpoint,
        credentials: LOCAL_CREDENTIALS,
      };
    case 'HTTP': {
      const endpoint = options.serviceUrls?.[declaration.service];
      if (!endpoint || !options.role)
        throw new Error(`Data source ${name} needs the ${declaration.service} service running and the API's role.`);
      return {
        type: 'HTTP',
        endpoint,
        iam: { signingRegion: LOCAL_REGION, signingServiceName: 'execute-api', credentials: options.role },
        timeoutMs: system.timeouts.httpDataSourceMs,
      };
    }
    case 'AMAZON_EVENTBRIDGE':
      if (!options.eventBus || !options.role)
        throw new Error(`Data source ${name} needs the event bus running and the API's role.`);
      return {
        type: 'AMAZON_EVENTBRIDGE',
        eventBusName: options.eventBus.name,
        endpoint: options.eventBus.endpoint,
        region: LOCAL_REGION,
        credentials: options.role,
      };
    case 'NONE':
      return { type: 'NONE' };
  }
}

function readBundle(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${path} is missing: run \`npm run build\` to bundle the resolvers.`);
  }
}
