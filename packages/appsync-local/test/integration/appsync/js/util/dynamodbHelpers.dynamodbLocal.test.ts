// The requests of @aws-appsync/utils/dynamodb, sent to DynamoDB Local: every expression the
// helpers and util.transform generate must be one DynamoDB accepts and evaluates as intended.
// The translation to DynamoDB API calls below is a minimal stand-in for the data source.
import {
  type AttributeValue,
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  get,
  operations,
  put,
  query,
  remove,
  scan,
  toStringSet,
  update,
} from '../../../../../src/appsync/js/util/dynamodbHelpers.ts';

type Json = Record<string, unknown>;
interface Expression {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Record<string, unknown>;
}

const client = new DynamoDBClient({
  endpoint: inject('dynamodbEndpoint'),
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const table = `util_helpers_${randomUUID().slice(0, 8)}`;

/** AppSync accepts numeric N and NS and { NULL: null }; the DynamoDB API wants strings and true. */
function toSdkValue(value: unknown): AttributeValue {
  const attribute = value as Json;
  if ('NULL' in attribute) {
    return { NULL: true };
  }
  if ('N' in attribute) {
    return { N: String(attribute.N) };
  }
  if ('NS' in attribute) {
    return { NS: (attribute.NS as unknown[]).map(String) };
  }
  if ('L' in attribute) {
    return { L: (attribute.L as unknown[]).map(toSdkValue) };
  }
  if ('M' in attribute) {
    return { M: toSdkMap(attribute.M as Json) };
  }
  return attribute as unknown as AttributeValue;
}

function toSdkMap(values: Json): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, toSdkValue(value)]));
}

/** The names and values of several expressions, merged, or undefined when there are none. */
function placeholders(...expressions: (Expression | undefined)[]) {
  const names = Object.assign({}, ...expressions.map((expression) => expression?.expressionNames ?? {}));
  const values = toSdkMap(Object.assign({}, ...expressions.map((expression) => expression?.expressionValues ?? {})));
  return {
    ExpressionAttributeNames: Object.keys(names).length > 0 ? names : undefined,
    ExpressionAttributeValues: Object.keys(values).length > 0 ? values : undefined,
  };
}

async function send(request: Json): Promise<Json | Json[] | undefined> {
  const key = request.key ? toSdkMap(request.key as Json) : undefined;
  const condition = request.condition as Expression | undefined;
  switch (request.operation) {
    case 'PutItem':
      await client.send(
        new PutItemCommand({
          TableName: table,
          Item: { ...toSdkMap(request.attributeValues as Json), ...key },
          ConditionExpression: condition?.expression,
          ...placeholders(condition),
        }),
      );
      return undefined;
    case 'UpdateItem': {
      const updateExpression = request.update as Expression;
      const output = await client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: key,
          UpdateExpression: updateExpression.expression,
          ConditionExpression: condition?.expression,
          ReturnValues: 'ALL_NEW',
          ...placeholders(updateExpression, condition),
        }),
      );
      return output.Attributes as Json;
    }
    case 'DeleteItem':
      await client.send(
        new DeleteItemCommand({
          TableName: table,
          Key: key,
          ConditionExpression: condition?.expression,
          ...placeholders(condition),
        }),
      );
      return undefined;
    case 'GetItem': {
      const projection = request.projection as Expression | undefined;
      const output = await client.send(
        new GetItemCommand({
          TableName: table,
          Key: key,
          ProjectionExpression: projection?.expression,
          ...placeholders(projection),
        }),
      );
      return output.Item as Json | undefined;
    }
    default:
      return sendRead(request);
  }
}

async function sendRead(request: Json): Promise<Json[]> {
  const filter = request.filter as Expression | undefined;
  if (request.operation === 'Query') {
    const keyCondition = request.query as Expression;
    const output = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: keyCondition.expression,
        FilterExpression: filter?.expression,
        ScanIndexForward: request.scanIndexForward as boolean | undefined,
        ...placeholders(keyCondition, filter),
      }),
    );
    return (output.Items ?? []) as Json[];
  }
  const output = await client.send(
    new ScanCommand({ TableName: table, FilterExpression: filter?.expression, ...placeholders(filter) }),
  );
  return (output.Items ?? []) as Json[];
}

beforeAll(async () => {
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
});

afterAll(() => {
  client.destroy();
});

describe('requests of the dynamodb module against DynamoDB Local', () => {
  it('puts an item only when the condition holds', async () => {
    const create = put({
      key: { pk: 'product', sk: 'p1' },
      item: { name: 'Lamp', price: 25, tags: ['home'], dims: { h: 40 } },
      condition: { pk: { attributeExists: false } },
    });
    await send(create);
    await expect(send(create)).rejects.toThrow(/conditional request failed/i);
    expect(await send(get({ key: { pk: 'product', sk: 'p1' } }))).toMatchObject({
      name: { S: 'Lamp' },
      price: { N: '25' },
      tags: { L: [{ S: 'home' }] },
      dims: { M: { h: { N: '40' } } },
    });
  });

  it('applies every update operation in one UpdateItem', async () => {
    await send(
      put({
        key: { pk: 'product', sk: 'p2' },
        item: { views: 10, stock: 5, list: [2], ids: ['a', 'b', 'c'], old: 'x', dims: { h: 1, w: 2 } },
      }),
    );
    const updated = await send(
      update({
        key: { pk: 'product', sk: 'p2' },
        update: {
          views: operations.increment(5),
          stock: operations.decrement(),
          list: operations.append([3]),
          old: operations.remove(),
          ids: [operations.updateListItem('B', 1)],
          dims: { w: 3 },
          colours: toStringSet(['red', 'blue']),
          note: null,
        },
        condition: { and: [{ views: { ge: 10 } }, { old: { attributeExists: true } }] },
      }),
    );
    expect(updated).toEqual({
      pk: { S: 'product' },
      sk: { S: 'p2' },
      views: { N: '15' },
      stock: { N: '4' },
      list: { L: [{ N: '2' }, { N: '3' }] },
      ids: { L: [{ S: 'a' }, { S: 'B' }, { S: 'c' }] },
      dims: { M: { h: { N: '1' }, w: { N: '3' } } },
      colours: { SS: expect.arrayContaining(['red', 'blue']) },
      note: { NULL: true },
    });
    const prepended = await send(
      update({ key: { pk: 'product', sk: 'p2' }, update: { list: operations.prepend([1]), dims: operations.replace({ d: 9 }) } }),
    );
    expect(prepended).toMatchObject({ list: { L: [{ N: '1' }, { N: '2' }, { N: '3' }] }, dims: { M: { d: { N: '9' } } } });
  });

  it('queries with key conditions and filters rendered like util.transform', async () => {
    for (const [sk, price] of [
      ['2024-01', 5],
      ['2024-02', 15],
      ['2025-01', 25],
    ] as const) {
      await send(put({ key: { pk: 'order', sk }, item: { price, status: sk.startsWith('2024') ? 'OPEN' : 'DONE' } }));
    }
    const in2024 = await send(query({ query: { pk: { eq: 'order' }, sk: { beginsWith: '2024' } }, scanIndexForward: false }));
    expect((in2024 as Json[]).map((item) => (item.sk as Json).S)).toEqual(['2024-02', '2024-01']);
    const between = await send(
      query({ query: { pk: { eq: 'order' }, sk: { between: ['2024-02', '2025-12'] } }, filter: { price: { gt: 20 } } }),
    );
    expect((between as Json[]).map((item) => (item.sk as Json).S)).toEqual(['2025-01']);
  });

  it('scans with nested and/or/not, in, size and contains filters', async () => {
    const matching = await send(
      scan({
        filter: {
          or: [
            { and: [{ status: { in: ['OPEN', 'PENDING'] } }, { not: { price: { lt: 10 } } }] },
            { name: { contains: 'am' }, tags: { size: { ge: 1 } } },
          ],
        },
      }),
    );
    const keys = (matching as Json[]).map((item) => `${(item.pk as Json).S}/${(item.sk as Json).S}`).sort();
    expect(keys).toEqual(['order/2024-02', 'product/p1']);
  });

  it('deletes an item only when the condition holds', async () => {
    await expect(send(remove({ key: { pk: 'order', sk: '2025-01' }, condition: { status: { eq: 'OPEN' } } }))).rejects.toThrow(
      /conditional request failed/i,
    );
    await send(remove({ key: { pk: 'order', sk: '2025-01' }, condition: { status: { eq: 'DONE' } } }));
    expect(await send(get({ key: { pk: 'order', sk: '2025-01' } }))).toBeUndefined();
  });

  it('projects the attributes named in a projection, reserved words included', async () => {
    const item = await send(get({ key: { pk: 'product', sk: 'p1' }, projection: ['name', 'dims.h'] }));
    expect(item).toEqual({ name: { S: 'Lamp' }, dims: { M: { h: { N: '40' } } } });
  });
});
