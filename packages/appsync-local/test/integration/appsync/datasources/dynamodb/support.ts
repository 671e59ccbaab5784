// Shared by the DynamoDB data source tests: uniquely named tables in the run's DynamoDB Local, so
// test files running in parallel never meet, and a data source bound to one of them.
import { randomUUID } from 'node:crypto';
import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import {
  type DataSourceResponse,
  type DynamoDbDataSource,
  createDynamoDbDataSource,
} from '../../../../../src/appsync/datasources/dynamodb/index.ts';

export const REGION = 'us-east-1';

export function uniqueTableName(base: string): string {
  return `${base}-${randomUUID().slice(0, 8)}`;
}

export function createAdminClient(): DynamoDBClient {
  return new DynamoDBClient({
    region: REGION,
    endpoint: inject('dynamodbEndpoint'),
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

export function openDataSource(tableName: string): DynamoDbDataSource {
  return createDynamoDbDataSource({ tableName, region: REGION, endpoint: inject('dynamodbEndpoint') });
}

export function stringAttributes(...names: string[]): AttributeDefinition[] {
  return names.map((AttributeName) => ({ AttributeName, AttributeType: 'S' }));
}

/** A table keyed by `hash` (and `range`), billed per request. */
export function describeTable(
  TableName: string,
  hash: string,
  range?: string,
  extra: Partial<CreateTableCommandInput> = {},
): CreateTableCommandInput {
  return {
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: stringAttributes(...(range ? [hash, range] : [hash])),
    KeySchema: [
      { AttributeName: hash, KeyType: 'HASH' },
      ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : []),
    ],
    ...extra,
  };
}

export async function createTables(client: DynamoDBClient, tables: CreateTableCommandInput[]): Promise<void> {
  for (const table of tables) await client.send(new CreateTableCommand(table));
}

export async function deleteTables(client: DynamoDBClient, names: string[]): Promise<void> {
  for (const TableName of names) await client.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
}

/** The result of a response that must have no error. */
export function expectSuccess(response: DataSourceResponse): unknown {
  if (response.error) throw new Error(`unexpected data source error: ${response.error.type}: ${response.error.message}`);
  return response.result;
}

/** The typed map `util.dynamodb.toMapValues` would produce for strings, numbers and booleans. */
export function toTypedMap(values: Record<string, string | number | boolean | null>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      if (value === null) return [name, { NULL: null }];
      if (typeof value === 'number') return [name, { N: value }];
      if (typeof value === 'boolean') return [name, { BOOL: value }];
      return [name, { S: value }];
    }),
  );
}

export const AWS_SUFFIX = /\(Service: DynamoDb, Status Code: 400, Request ID: [^)]+\)$/;
