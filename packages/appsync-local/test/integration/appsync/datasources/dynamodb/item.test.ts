import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbDataSource } from '../../../../../src/appsync/datasources/dynamodb/index.ts';
import {
  AWS_SUFFIX,
  createAdminClient,
  createTables,
  deleteTables,
  describeTable,
  expectSuccess,
  openDataSource,
  toTypedMap,
  uniqueTableName,
} from './support.ts';

const table = uniqueTableName('items');
let admin: DynamoDBClient;
let dataSource: DynamoDbDataSource;

beforeAll(async () => {
  admin = createAdminClient();
  await createTables(admin, [describeTable(table, 'id')]);
  dataSource = openDataSource(table);
});

afterAll(async () => {
  dataSource.close();
  await deleteTables(admin, [table]);
  admin.destroy();
});

function put(values: Record<string, string | number | boolean | null>, condition?: Record<string, unknown>) {
  const { id, ...rest } = values;
  return dataSource.invoke({
    operation: 'PutItem',
    key: toTypedMap({ id: id ?? null }),
    attributeValues: toTypedMap(rest),
    condition,
  });
}

describe('GetItem', () => {
  it('returns null when the key does not exist', async () => {
    const response = await dataSource.invoke({ operation: 'GetItem', key: { id: { S: 'nobody' } } });
    expect(response).toEqual({ result: null });
  });

  it('returns the item as plain JSON, converting every DynamoDB type', async () => {
    await dataSource.invoke({
      operation: 'PutItem',
      key: { id: { S: 'all-types' } },
      attributeValues: {
        text: { S: 'hello' },
        count: { N: 42 },
        price: { N: '12.50' },
        blob: { B: 'SGVsbG8=' },
        tags: { SS: ['a', 'b'] },
        scores: { NS: [1.5, 2] },
        blobs: { BS: ['AQI=', 'AwQ='] },
        nested: { M: { inner: { L: [{ S: 'x' }, { N: 1 }, { BOOL: false }] } } },
        nothing: { NULL: null },
        flag: { BOOL: true },
      },
    });
    const response = await dataSource.invoke({ operation: 'GetItem', key: { id: { S: 'all-types' } }, consistentRead: true });
    const item = expectSuccess(response) as Record<string, unknown>;
    expect(item).toEqual({
      id: 'all-types',
      text: 'hello',
      count: 42,
      price: 12.5,
      blob: 'SGVsbG8=',
      tags: expect.arrayContaining(['a', 'b']),
      scores: expect.arrayContaining([1.5, 2]),
      blobs: expect.arrayContaining(['AQI=', 'AwQ=']),
      nested: { inner: ['x', 1, false] },
      nothing: null,
      flag: true,
    });
  });

  it('returns only the projected attributes', async () => {
    await put({ id: 'projected', name: 'Ada', email: 'ada@example.com', age: 36 });
    const response = await dataSource.invoke({
      operation: 'GetItem',
      key: { id: { S: 'projected' } },
      projection: { expression: '#name, age', expressionNames: { '#name': 'name' } },
    });
    expect(response).toEqual({ result: { name: 'Ada', age: 36 } });
  });
});

describe('PutItem', () => {
  it('returns the item written, the key taking precedence over attributeValues', async () => {
    const response = await dataSource.invoke({
      operation: 'PutItem',
      key: { id: { S: 'written' } },
      attributeValues: { id: { S: 'ignored' }, name: { S: 'Grace' }, visits: { N: 3 } },
      _version: 1,
    });
    expect(response).toEqual({ result: { id: 'written', name: 'Grace', visits: 3 } });
    const read = await dataSource.invoke({ operation: 'GetItem', key: { id: { S: 'written' } } });
    expect(read.result).toEqual({ id: 'written', name: 'Grace', visits: 3 });
  });

  it('rejects a failed condition with ConditionalCheckFailedException and the current item as the result', async () => {
    await put({ id: 'taken', name: 'first', version: 1 });
    const response = await put({ id: 'taken', name: 'second', version: 2 }, { expression: 'attribute_not_exists(id)' });
    expect(response.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(response.error?.message).toMatch(/^The conditional request failed /);
    expect(response.error?.message).toMatch(AWS_SUFFIX);
    expect(response.result).toEqual({ id: 'taken', name: 'first', version: 1 });
  });

  it('treats a failed condition as a success when the current item already equals the desired item', async () => {
    await put({ id: 'same', name: 'Linus', score: 10 });
    const response = await put({ id: 'same', name: 'Linus', score: 10 }, { expression: 'attribute_not_exists(id)' });
    expect(response).toEqual({ result: { id: 'same', name: 'Linus', score: 10 } });
  });

  it('compares numbers by value and sets without order when deciding the items are equal', async () => {
    await dataSource.invoke({
      operation: 'PutItem',
      key: { id: { S: 'numeric' } },
      attributeValues: { amount: { N: '1.50' }, tags: { SS: ['x', 'y'] } },
    });
    const response = await dataSource.invoke({
      operation: 'PutItem',
      key: { id: { S: 'numeric' } },
      attributeValues: { amount: { N: 1.5 }, tags: { SS: ['y', 'x'] } },
      condition: { expression: 'attribute_not_exists(id)' },
    });
    expect(response.error).toBeUndefined();
  });

  it('ignores the equalsIgnore attributes when comparing the current and desired items', async () => {
    await put({ id: 'versioned', name: 'Steve', version: 8 });
    const response = await put(
      { id: 'versioned', name: 'Steve', version: 2 },
      { expression: 'version = :expected', expressionValues: { ':expected': { N: 1 } }, equalsIgnore: ['version'] },
    );
    expect(response).toEqual({ result: { id: 'versioned', name: 'Steve', version: 8 } });
  });

  it('rejects when the items differ in an attribute that equalsIgnore does not name', async () => {
    await put({ id: 'different', name: 'Steve', version: 8 });
    const response = await put(
      { id: 'different', name: 'Stephen', version: 2 },
      { expression: 'version = :expected', expressionValues: { ':expected': { N: 1 } }, equalsIgnore: ['version'] },
    );
    expect(response.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(response.result).toEqual({ id: 'different', name: 'Steve', version: 8 });
  });

  it('answers a failed condition with a null result when there is no current item', async () => {
    const response = await put({ id: 'absent', name: 'x' }, { expression: 'attribute_exists(id)' });
    expect(response.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(response.result).toBeNull();
  });

  it('reports a Custom conditionalCheckFailedHandler as a rejection it cannot delegate to Lambda', async () => {
    await put({ id: 'custom', name: 'one' });
    const response = await put(
      { id: 'custom', name: 'two' },
      {
        expression: 'attribute_not_exists(id)',
        conditionalCheckFailedHandler: { strategy: 'Custom', lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' },
      },
    );
    expect(response.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(response.error?.message).toContain("strategy 'Custom'");
    expect(response.result).toEqual({ id: 'custom', name: 'one' });
  });
});

describe('UpdateItem', () => {
  it('returns the whole item after the update', async () => {
    await put({ id: 'counter', name: 'clicks', total: 1 });
    const response = await dataSource.invoke({
      operation: 'UpdateItem',
      key: { id: { S: 'counter' } },
      update: {
        expression: 'ADD #total :one SET updatedBy = :who',
        expressionNames: { '#total': 'total' },
        expressionValues: { ':one': { N: 1 }, ':who': { S: 'test' } },
      },
    });
    expect(response).toEqual({ result: { id: 'counter', name: 'clicks', total: 2, updatedBy: 'test' } });
  });

  it('merges the placeholders of the update and the condition', async () => {
    await put({ id: 'guarded', status: 'open' });
    const response = await dataSource.invoke({
      operation: 'UpdateItem',
      key: { id: { S: 'guarded' } },
      update: {
        expression: 'SET #status = :closed',
        expressionNames: { '#status': 'status' },
        expressionValues: { ':closed': { S: 'closed' } },
      },
      condition: {
        expression: '#status = :open',
        expressionNames: { '#status': 'status' },
        expressionValues: { ':open': { S: 'open' } },
      },
    });
    expect(response).toEqual({ result: { id: 'guarded', status: 'closed' } });
  });

  it('rejects a failed condition even when the update would change nothing, with the current item as the result', async () => {
    await put({ id: 'locked', status: 'closed' });
    const response = await dataSource.invoke({
      operation: 'UpdateItem',
      key: { id: { S: 'locked' } },
      update: {
        expression: 'SET #status = :closed',
        expressionNames: { '#status': 'status' },
        expressionValues: { ':closed': { S: 'closed' } },
      },
      condition: {
        expression: '#status = :open',
        expressionNames: { '#status': 'status' },
        expressionValues: { ':open': { S: 'open' } },
      },
    });
    expect(response.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(response.result).toEqual({ id: 'locked', status: 'closed' });
  });
});

describe('DeleteItem', () => {
  it('returns the deleted item', async () => {
    await put({ id: 'doomed', name: 'bye' });
    const response = await dataSource.invoke({ operation: 'DeleteItem', key: { id: { S: 'doomed' } } });
    expect(response).toEqual({ result: { id: 'doomed', name: 'bye' } });
    expect((await dataSource.invoke({ operation: 'GetItem', key: { id: { S: 'doomed' } } })).result).toBeNull();
  });

  it('returns null when there was nothing to delete', async () => {
    const response = await dataSource.invoke({ operation: 'DeleteItem', key: { id: { S: 'never-was' } } });
    expect(response).toEqual({ result: null });
  });

  it('treats a failed condition as a success when the item is already gone', async () => {
    const response = await dataSource.invoke({
      operation: 'DeleteItem',
      key: { id: { S: 'gone' } },
      condition: { expression: 'attribute_exists(id)' },
    });
    expect(response).toEqual({ result: null });
  });

  it('rejects a failed condition on an existing item, with the item as the result', async () => {
    await put({ id: 'kept', version: 3 });
    const response = await dataSource.invoke({
      operation: 'DeleteItem',
      key: { id: { S: 'kept' } },
      condition: { expression: 'version = :v', expressionValues: { ':v': { N: 2 } } },
    });
    expect(response.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(response.result).toEqual({ id: 'kept', version: 3 });
  });
});
