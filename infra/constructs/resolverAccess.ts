// What a DynamoDB data source's role must allow: read from the bundles of the resolvers and
// functions that use it, so the grant follows the code. A bundle's operations are its request
// `operation` literals and the `@aws-appsync/utils/dynamodb` helpers it imports; the tables it
// touches are the data source's own and any it names through ctx.env (`"<NAME>_TABLE"`), as
// BatchGetItem and TransactWriteItems may span tables.
import { readFileSync } from 'node:fs';
import { DATA_SOURCES, FUNCTIONS, RESOLVERS, tableEnvironmentName } from '../../system/api.ts';
import { functionBundlePath, resolverBundlePath } from '../../system/artifacts.ts';
import { TABLES } from '../../system/tables.ts';

/** Per logical table name (system/tables.ts), the IAM actions on it (e.g. dynamodb:Query), sorted. */
export type TableAccess = Readonly<Record<string, readonly string[]>>;

const OPERATION_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  GetItem: ['dynamodb:GetItem'],
  PutItem: ['dynamodb:PutItem'],
  UpdateItem: ['dynamodb:UpdateItem'],
  DeleteItem: ['dynamodb:DeleteItem'],
  Query: ['dynamodb:Query'],
  Scan: ['dynamodb:Scan'],
  BatchGetItem: ['dynamodb:BatchGetItem'],
  BatchPutItem: ['dynamodb:BatchWriteItem'],
  BatchDeleteItem: ['dynamodb:BatchWriteItem'],
  TransactGetItems: ['dynamodb:GetItem'],
  TransactWriteItems: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  Sync: ['dynamodb:Scan'],
};

const HELPER_OPERATIONS: Readonly<Record<string, string>> = {
  get: 'GetItem',
  put: 'PutItem',
  update: 'UpdateItem',
  remove: 'DeleteItem',
  query: 'Query',
  scan: 'Scan',
  sync: 'Sync',
  operations: 'UpdateItem',
};

/** The operations a bundle's code sends to its data source. */
export function operationsOf(code: string): string[] {
  const operations = new Set<string>();
  for (const match of code.matchAll(/operation:\s*["']([A-Za-z]+)["']/g)) operations.add(match[1]!);
  for (const match of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*["']@aws-appsync\/utils\/dynamodb["']/g)) {
    for (const specifier of match[1]!.split(',')) {
      const imported = specifier.trim().split(/\s+as\s+/)[0]!;
      const operation = HELPER_OPERATIONS[imported];
      if (operation) operations.add(operation);
    }
  }
  for (const operation of operations) {
    if (!OPERATION_ACTIONS[operation]) throw new Error(`Unknown DynamoDB operation ${operation} in a resolver bundle.`);
  }
  return [...operations].sort();
}

/** The logical tables a bundle names through ctx.env. */
export function tablesNamedIn(code: string): string[] {
  return TABLES.filter(
    (table) => code.includes(`"${tableEnvironmentName(table.name)}"`) || code.includes(`env.${tableEnvironmentName(table.name)}`),
  ).map((table) => table.name);
}

/** The bundles (paths) that run against a data source. */
export function bundlesOf(dataSource: string): string[] {
  return [
    ...RESOLVERS.filter((r) => r.kind === 'UNIT' && r.dataSource === dataSource).map((r) =>
      resolverBundlePath(r.typeName, r.fieldName),
    ),
    ...FUNCTIONS.filter((fn) => fn.dataSource === dataSource).map((fn) => functionBundlePath(fn.name)),
  ];
}

/** What the role of the DynamoDB data source `dataSource` must allow. */
export function tableAccessOf(dataSource: string, readBundle: (path: string) => string = readRequiredBundle): TableAccess {
  const declaration = DATA_SOURCES[dataSource];
  if (declaration?.type !== 'AMAZON_DYNAMODB') throw new Error(`${dataSource} is not a DynamoDB data source.`);
  const access = new Map<string, Set<string>>();
  for (const path of bundlesOf(dataSource)) {
    const code = readBundle(path);
    const actions = operationsOf(code).flatMap((operation) => OPERATION_ACTIONS[operation]!);
    for (const table of new Set([declaration.table, ...tablesNamedIn(code)])) {
      const granted = access.get(table) ?? new Set<string>();
      for (const action of actions) granted.add(action);
      access.set(table, granted);
    }
  }
  return Object.fromEntries(
    [...access].sort(([a], [b]) => a.localeCompare(b)).map(([table, actions]) => [table, [...actions].sort()]),
  );
}

/** The indexes of the data source's own table its bundles query (`index: "<name>"`), sorted. */
export function indexesQueriedBy(dataSource: string, readBundle: (path: string) => string = readRequiredBundle): string[] {
  const declaration = DATA_SOURCES[dataSource];
  if (declaration?.type !== 'AMAZON_DYNAMODB') throw new Error(`${dataSource} is not a DynamoDB data source.`);
  const declared = TABLES.find((t) => t.name === declaration.table)?.globalSecondaryIndexes?.map((index) => index.name) ?? [];
  const queried = new Set<string>();
  for (const path of bundlesOf(dataSource)) {
    for (const match of readBundle(path).matchAll(/\bindex:\s*["']([A-Za-z0-9_.-]+)["']/g)) {
      if (!declared.includes(match[1]!))
        throw new Error(`${path} queries ${match[1]}, which is not an index of ${declaration.table}.`);
      queried.add(match[1]!);
    }
  }
  return [...queried].sort();
}

function readRequiredBundle(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${path} is missing: run \`npm run build\` to bundle the resolvers.`);
  }
}
