// Tables of a test's own in the stack's DynamoDB Local (uniquely prefixed, so test files running
// side by side never share one), and plain reads and writes of their items for checking.
import { randomBytes } from 'node:crypto';
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { inject } from 'vitest';
import { createLocalDynamoDbClient, createTables } from 'appsync-local/dynamodb/tables.ts';
import type { TableDeclaration } from '../../../system/tables.ts';

export interface TestTable {
  readonly tableName: string;
  readonly dynamodbEndpoint: string;
}

export async function createTestTable(declaration: TableDeclaration): Promise<TestTable> {
  const dynamodbEndpoint = inject('dynamodbEndpoint');
  const prefix = `bs-${randomBytes(4).toString('hex')}-`;
  await withClient(dynamodbEndpoint, (client) => createTables(client, [declaration], prefix));
  return { tableName: `${prefix}${declaration.name}`, dynamodbEndpoint };
}

/** The item under `key`, read strongly consistently, as plain JSON. */
export function readItem(table: TestTable, key: Record<string, string>): Promise<Record<string, unknown> | undefined> {
  return withClient(table.dynamodbEndpoint, async (client) => {
    const { Item } = await client.send(
      new GetItemCommand({ TableName: table.tableName, Key: marshall(key), ConsistentRead: true }),
    );
    return Item ? unmarshall(Item) : undefined;
  });
}

export function putItem(table: TestTable, item: object): Promise<void> {
  return withClient(table.dynamodbEndpoint, async (client) => {
    await client.send(new PutItemCommand({ TableName: table.tableName, Item: marshall(item, { removeUndefinedValues: true }) }));
  });
}

export function deleteItem(table: TestTable, key: Record<string, string>): Promise<void> {
  return withClient(table.dynamodbEndpoint, async (client) => {
    await client.send(new DeleteItemCommand({ TableName: table.tableName, Key: marshall(key) }));
  });
}

async function withClient<T>(
  endpoint: string,
  use: (client: ReturnType<typeof createLocalDynamoDbClient>) => Promise<T>,
): Promise<T> {
  const client = createLocalDynamoDbClient(endpoint);
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}
