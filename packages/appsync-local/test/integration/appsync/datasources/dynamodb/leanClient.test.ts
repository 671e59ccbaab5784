// The data source's lean client answers what the AWS SDK's client answers: the same requests go
// through both to the run's DynamoDB Local, and their outputs and errors must be equal.
import {
  BatchGetItemCommand,
  DeleteItemCommand,
  type DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createLeanDynamoDbClient, type LeanDynamoDbClient } from '../../../../../src/appsync/datasources/dynamodb/leanClient.ts';
import { REGION, createAdminClient, createTables, deleteTables, describeTable, uniqueTableName } from './support.ts';

const table = uniqueTableName('lean');
const sorted = uniqueTableName('lean-sorted');
let sdk: DynamoDBClient;
let lean: LeanDynamoDbClient;

const bytes = (...values: number[]) => new Uint8Array(values);
const ITEM = {
  id: { S: 'every-type' },
  s: { S: 'text "quoted" ünïcode' },
  n: { N: '1.50' },
  b: { B: bytes(0, 1, 2, 250) },
  ss: { SS: ['a', 'b'] },
  ns: { NS: ['1', '2.5'] },
  bs: { BS: [bytes(1), bytes(2, 3)] },
  m: { M: { B: { S: 'an attribute named B' }, inner: { B: bytes(9) } } },
  l: { L: [{ N: '1' }, { NULL: true }, { BOOL: false }] },
};

beforeAll(async () => {
  sdk = createAdminClient();
  lean = createLeanDynamoDbClient({
    endpoint: inject('dynamodbEndpoint'),
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await createTables(sdk, [describeTable(table, 'id'), describeTable(sorted, 'pk', 'sk')]);
  await sdk.send(new PutItemCommand({ TableName: table, Item: ITEM }));
  for (let i = 0; i < 5; i += 1) {
    await sdk.send(new PutItemCommand({ TableName: sorted, Item: { pk: { S: 'p' }, sk: { S: `s${i}` }, b: { B: bytes(i) } } }));
  }
});

afterAll(async () => {
  lean.destroy();
  await deleteTables(sdk, [table, sorted]);
  sdk.destroy();
});

/** An output without the SDK's `$metadata`, which the data source never reads. */
function withoutMetadata(output: object): object {
  const { $metadata: _metadata, ...rest } = output as { $metadata?: unknown };
  return rest;
}

async function failureOf(send: () => Promise<unknown>): Promise<DynamoDBServiceException> {
  const error = await send().then(
    () => expect.unreachable('the request should have failed'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DynamoDBServiceException);
  return error as DynamoDBServiceException;
}

/** What the data source reads of an error: its class, name, message, status and fields. */
function describe_(error: DynamoDBServiceException) {
  const {
    $metadata,
    $response: _response,
    $retryable: _retryable,
    ...fields
  } = error as DynamoDBServiceException & Record<string, unknown>;
  return {
    constructor: error.constructor,
    name: error.name,
    message: error.message,
    fault: error.$fault,
    status: $metadata.httpStatusCode,
    hasRequestId: typeof $metadata.requestId === 'string' && $metadata.requestId.length > 0,
    fields: { ...fields },
  };
}

async function expectSameOutput(command: { input: unknown }): Promise<unknown> {
  const [fromSdk, fromLean] = await Promise.all([sdk.send(command as never), lean.send(command as never)]);
  expect(withoutMetadata(fromLean as object)).toEqual(withoutMetadata(fromSdk as object));
  return fromLean;
}

async function expectSameError(command: { input: unknown }): Promise<DynamoDBServiceException> {
  const fromSdk = await failureOf(() => sdk.send(command as never));
  const fromLean = await failureOf(() => lean.send(command as never));
  expect(describe_(fromLean)).toEqual(describe_(fromSdk));
  return fromLean;
}

describe('outputs', () => {
  it('are equal for an item of every type, binary values as Uint8Array', async () => {
    const output = (await expectSameOutput(new GetItemCommand({ TableName: table, Key: { id: { S: 'every-type' } } }))) as {
      Item: typeof ITEM;
    };
    expect(output.Item.b.B).toEqual(bytes(0, 1, 2, 250));
    expect(output.Item.m.M.B).toEqual({ S: 'an attribute named B' });
  });

  it('are equal for a missing item, a page of a query and a batch get', async () => {
    await expectSameOutput(new GetItemCommand({ TableName: table, Key: { id: { S: 'absent' } } }));
    await expectSameOutput(
      new QueryCommand({
        TableName: sorted,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'p' } },
        Limit: 2,
        ExclusiveStartKey: { pk: { S: 'p' }, sk: { S: 's0' } },
      }),
    );
    await expectSameOutput(
      new BatchGetItemCommand({ RequestItems: { [sorted]: { Keys: [{ pk: { S: 'p' }, sk: { S: 's3' } }] } } }),
    );
  });

  it('are equal for writes returning values', async () => {
    const update = (id: string) =>
      new UpdateItemCommand({
        TableName: table,
        Key: { id: { S: id } },
        UpdateExpression: 'ADD hits :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
        ReturnValues: 'UPDATED_NEW',
      });
    expect(withoutMetadata(await lean.send(update('counted-lean')))).toEqual(
      withoutMetadata(await sdk.send(update('counted-sdk'))),
    );
    await expectSameOutput(
      new DeleteItemCommand({ TableName: table, Key: { id: { S: 'nothing-here' } }, ReturnValues: 'ALL_OLD' }),
    );
  });
});

describe('errors', () => {
  it('are the same modelled exception, with the old item on a failed condition', async () => {
    const error = await expectSameError(
      new PutItemCommand({
        TableName: table,
        Item: { id: { S: 'every-type' } },
        ConditionExpression: 'attribute_not_exists(id)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    expect(error.name).toBe('ConditionalCheckFailedException');
    expect((error as unknown as { Item: typeof ITEM }).Item.b.B).toEqual(bytes(0, 1, 2, 250));
  });

  it('carry the cancellation reasons of a transaction', async () => {
    const error = await expectSameError(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: table,
              Key: { id: { S: 'every-type' } },
              ConditionExpression: 'attribute_not_exists(id)',
            },
          },
          { Put: { TableName: table, Item: { id: { S: 'never-written' } } } },
        ],
      }),
    );
    expect(error.name).toBe('TransactionCanceledException');
  });

  it('are the same for a missing table and for a request DynamoDB refuses (an unmodelled ValidationException)', async () => {
    expect((await expectSameError(new GetItemCommand({ TableName: 'no-such-table', Key: { id: { S: 'x' } } }))).name).toBe(
      'ResourceNotFoundException',
    );
    const refused = await expectSameError(new GetItemCommand({ TableName: table, Key: { wrong: { S: 'x' } } }));
    expect(refused.constructor).toBe(DynamoDBServiceException);
    expect(refused.name).toBe('ValidationException');
  });
});
