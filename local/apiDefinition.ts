// Turns the system's one declaration (system/) into a definition the local AppSync runtime
// serves: the deployed schema, the resolver bundles from build/resolvers, and data sources
// pointed at local stand-ins.
import { readFileSync } from 'node:fs';
import { DATA_SOURCES, FUNCTIONS, RESOLVERS, tableEnvironmentName } from '../system/api.ts';
import { functionBundlePath, resolverBundlePath, SCHEMA_FILE } from '../system/artifacts.ts';
import { TABLES } from '../system/tables.ts';
import type { AppSyncApiDefinition, DataSourceDefinition } from './appsync/api.ts';
import type { AuthConfig } from './appsync/auth/index.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb/tables.ts';

export interface LocalApiOptions {
  dynamodbEndpoint: string;
  authentication: AuthConfig;
  /** Prepended to every table name (tests use it to keep runs apart). */
  tablePrefix?: string;
}

export function buildLocalApiDefinition(options: LocalApiOptions): AppSyncApiDefinition {
  const prefix = options.tablePrefix ?? '';
  const dataSources: Record<string, DataSourceDefinition> = {};
  for (const [name, declaration] of Object.entries(DATA_SOURCES)) {
    dataSources[name] =
      declaration.type === 'AMAZON_DYNAMODB'
        ? {
            type: 'AMAZON_DYNAMODB',
            tableName: `${prefix}${declaration.table}`,
            region: LOCAL_REGION,
            endpoint: options.dynamodbEndpoint,
            credentials: LOCAL_CREDENTIALS,
          }
        : { type: 'NONE' };
  }
  return {
    schema: readFileSync(SCHEMA_FILE, 'utf8'),
    authentication: options.authentication,
    dataSources,
    functions: Object.fromEntries(
      FUNCTIONS.map((fn) => [fn.name, { dataSource: fn.dataSource, code: readBundle(functionBundlePath(fn.name)) }]),
    ),
    resolvers: RESOLVERS.map((r) => {
      const code = readBundle(resolverBundlePath(r.typeName, r.fieldName));
      return r.kind === 'PIPELINE'
        ? { typeName: r.typeName, fieldName: r.fieldName, kind: 'PIPELINE' as const, functions: [...r.functions], code }
        : { typeName: r.typeName, fieldName: r.fieldName, kind: 'UNIT' as const, dataSource: r.dataSource, code };
    }),
    environmentVariables: Object.fromEntries(TABLES.map((t) => [tableEnvironmentName(t.name), `${prefix}${t.name}`])),
  };
}

function readBundle(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${path} is missing: run \`npm run build\` to bundle the resolvers.`);
  }
}
