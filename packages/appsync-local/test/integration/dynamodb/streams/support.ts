// Shared by the stream poller tests: a table with a stream in the run's DynamoDB Local (uniquely
// prefixed per test file), writes to it, a handler that records what it receives, and pollers that
// are closed after each test.
import { randomUUID } from 'node:crypto';
import {
  DeleteItemCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, inject } from 'vitest';
import { createLocalDynamoDbClient, createTables } from '../../../../src/dynamodb/tables.ts';
import {
  type BatchItemFailuresResponse,
  type DynamoDBStreamEvent,
  type DynamoDBStreamRecord,
  type EventSourceMapping,
  type StreamPollers,
  startStreamPollers,
} from '../../../../src/dynamodb/streams/index.ts';

export const REGION = 'us-east-1';

export interface StreamTable {
  readonly tableName: string;
  readonly streamArn: string;
  put(pk: string, attributes?: Record<string, string | number>): Promise<void>;
  update(pk: string, attributes: Record<string, string | number>): Promise<void>;
  remove(pk: string): Promise<void>;
}

/** Call once at the top of a test file: tables get a prefix unique to the file, pollers are closed after each test. */
export function useStreamTables(file: string): {
  createStreamTable(): Promise<StreamTable>;
  startPollers(...mappings: EventSourceMapping[]): Promise<StreamPollers>;
} {
  const prefix = `streams-${file}-${randomUUID().slice(0, 8)}-`;
  const client = createLocalDynamoDbClient(inject('dynamodbEndpoint'));
  const started: StreamPollers[] = [];
  let tables = 0;

  afterEach(async () => {
    await Promise.all(started.splice(0).map((pollers) => pollers.close()));
  });
  afterAll(() => client.destroy());

  return {
    async createStreamTable() {
      const name = `t${++tables}`;
      await createTables(client, [{ name, partitionKey: { name: 'pk', type: 'S' }, stream: 'NEW_AND_OLD_IMAGES' }], prefix);
      const tableName = `${prefix}${name}`;
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (!Table?.LatestStreamArn) throw new Error(`${tableName} has no stream`);
      return { tableName, streamArn: Table.LatestStreamArn, ...writer(client, tableName) };
    },
    async startPollers(...mappings) {
      const pollers = await startStreamPollers({
        endpoint: inject('dynamodbEndpoint'),
        region: REGION,
        mappings,
        pollIntervalMs: 20,
      });
      started.push(pollers);
      return pollers;
    },
  };
}

function writer(client: DynamoDBClient, tableName: string): Pick<StreamTable, 'put' | 'update' | 'remove'> {
  return {
    async put(pk, attributes = {}) {
      await client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: pk }, ...toItem(attributes) } }));
    },
    async update(pk, attributes) {
      const names = Object.keys(attributes);
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: { pk: { S: pk } },
          UpdateExpression: `SET ${names.map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#a${i}`, name])),
          ExpressionAttributeValues: Object.fromEntries(Object.values(toItem(attributes)).map((value, i) => [`:v${i}`, value])),
        }),
      );
    },
    async remove(pk) {
      await client.send(new DeleteItemCommand({ TableName: tableName, Key: { pk: { S: pk } } }));
    },
  };
}

function toItem(attributes: Record<string, string | number>): Record<string, { S: string } | { N: string }> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [name, typeof value === 'number' ? { N: String(value) } : { S: value }]),
  );
}

type Behaviour = (
  event: DynamoDBStreamEvent,
  call: number,
) => Promise<void | BatchItemFailuresResponse> | void | BatchItemFailuresResponse;

/** A handler that keeps a copy of every event it is given, then behaves as told (succeeds by default). */
export function recordingHandler(behaviour: Behaviour = () => undefined): {
  calls: DynamoDBStreamEvent[];
  handler: EventSourceMapping['handler'];
} {
  const calls: DynamoDBStreamEvent[] = [];
  return {
    calls,
    handler: async (event) => {
      calls.push(structuredClone(event));
      return behaviour(event, calls.length);
    },
  };
}

export function pkOf(record: DynamoDBStreamRecord): string | undefined {
  return record.dynamodb.Keys.pk?.S;
}

export function pksOf(event: DynamoDBStreamEvent): (string | undefined)[] {
  return event.Records.map(pkOf);
}
