// Creates tables in DynamoDB Local (idempotently), with their indexes, streams and
// time to live.
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

/** A table as DynamoDB's CreateTable needs it: keys, global secondary indexes, stream, time to live. */
export interface TableDefinition {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes?: readonly {
    readonly name: string;
    readonly partitionKey: KeyAttribute;
    readonly sortKey?: KeyAttribute;
  }[];
  readonly stream?: 'NEW_AND_OLD_IMAGES';
  /** An attribute holding an epoch-seconds expiry. */
  readonly timeToLiveAttribute?: string;
}

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export function createLocalDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

/** Creates each table that does not exist yet. `prefix` keeps parallel test runs apart. */
export async function createTables(client: DynamoDBClient, tables: readonly TableDefinition[], prefix = ''): Promise<void> {
  await Promise.all(
    tables.map(async (table) => {
      try {
        await client.send(new CreateTableCommand(toCreateTableInput(table, prefix)));
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: `${prefix}${table.name}` });
      if (table.timeToLiveAttribute) {
        await client
          .send(
            new UpdateTimeToLiveCommand({
              TableName: `${prefix}${table.name}`,
              TimeToLiveSpecification: { Enabled: true, AttributeName: table.timeToLiveAttribute },
            }),
          )
          .catch((error: unknown) => {
            // Enabling it again on an existing table is refused; it is on already.
            if (!(error instanceof Error && /already enabled/i.test(error.message))) throw error;
          });
      }
    }),
  );
}

export function toCreateTableInput(table: TableDefinition, prefix = ''): CreateTableCommandInput {
  const attributes = new Map<string, KeyAttribute>();
  const keyAttributes = [
    table.partitionKey,
    table.sortKey,
    ...(table.globalSecondaryIndexes ?? []).flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  for (const attribute of keyAttributes) if (attribute) attributes.set(attribute.name, attribute);
  return {
    TableName: `${prefix}${table.name}`,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()].map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: keySchema(table.partitionKey, table.sortKey),
    GlobalSecondaryIndexes: table.globalSecondaryIndexes?.length
      ? table.globalSecondaryIndexes.map((index) => ({
          IndexName: index.name,
          KeySchema: keySchema(index.partitionKey, index.sortKey),
          Projection: { ProjectionType: 'ALL' },
        }))
      : undefined,
    StreamSpecification: table.stream ? { StreamEnabled: true, StreamViewType: table.stream } : undefined,
  };
}

function keySchema(partitionKey: KeyAttribute, sortKey?: KeyAttribute): CreateTableCommandInput['KeySchema'] {
  return [
    { AttributeName: partitionKey.name, KeyType: 'HASH' },
    ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }] : []),
  ];
}
