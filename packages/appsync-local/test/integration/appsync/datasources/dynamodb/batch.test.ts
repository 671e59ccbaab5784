import { BatchWriteItemCommand, type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbDataSource } from '../../../../../src/appsync/datasources/dynamodb/index.ts';
import { batchDeleteItem, batchPutItem } from '../../../../../src/appsync/datasources/dynamodb/operations/batch.ts';
import type { DynamoDbSender } from '../../../../../src/appsync/datasources/dynamodb/types.ts';
import {
  AWS_SUFFIX,
  createAdminClient,
  createTables,
  deleteTables,
  describeTable,
  expectSuccess,
  openDataSource,
  uniqueTableName,
} from './support.ts';

interface BatchResult {
  data: Record<string, (Record<string, unknown> | null)[]>;
  unprocessedKeys?: Record<string, Record<string, unknown>[]>;
  unprocessedItems?: Record<string, Record<string, unknown>[]>;
}

const authors = uniqueTableName('authors');
const posts = uniqueTableName('posts');
const blobs = uniqueTableName('blobs');
let admin: DynamoDBClient;
let dataSource: DynamoDbDataSource;

beforeAll(async () => {
  admin = createAdminClient();
  await createTables(admin, [
    describeTable(authors, 'authorId'),
    describeTable(posts, 'authorId', 'postId'),
    describeTable(blobs, 'id'),
  ]);
  dataSource = openDataSource(posts);
});

afterAll(async () => {
  dataSource.close();
  await deleteTables(admin, [authors, posts, blobs]);
  admin.destroy();
});

describe('BatchPutItem', () => {
  it('returns the items written per table, in request order, and empty unprocessedItems', async () => {
    const response = await dataSource.invoke({
      operation: 'BatchPutItem',
      tables: {
        [authors]: [
          { authorId: { S: 'a1' }, name: { S: 'Ann' } },
          { authorId: { S: 'a2' }, name: { S: 'Bob' } },
        ],
        [posts]: [{ authorId: { S: 'a1' }, postId: { S: 'p1' }, title: { S: 'First' }, likes: { N: 3 } }],
      },
    });
    expect(expectSuccess(response)).toEqual({
      data: {
        [authors]: [
          { authorId: 'a1', name: 'Ann' },
          { authorId: 'a2', name: 'Bob' },
        ],
        [posts]: [{ authorId: 'a1', postId: 'p1', title: 'First', likes: 3 }],
      },
      unprocessedItems: { [authors]: [], [posts]: [] },
    });
    const stored = await admin.send(
      new GetItemCommand({ TableName: posts, Key: { authorId: { S: 'a1' }, postId: { S: 'p1' } } }),
    );
    expect(stored.Item?.title).toEqual({ S: 'First' });
  });
});

describe('BatchGetItem', () => {
  it('returns items in key order with null for missing keys, and empty unprocessedKeys', async () => {
    const response = await dataSource.invoke({
      operation: 'BatchGetItem',
      tables: {
        [authors]: {
          keys: [{ authorId: { S: 'a2' } }, { authorId: { S: 'nobody' } }, { authorId: { S: 'a1' } }],
          consistentRead: true,
        },
        [posts]: { keys: [{ authorId: { S: 'a1' }, postId: { S: 'p1' } }] },
      },
    });
    expect(expectSuccess(response)).toEqual({
      data: {
        [authors]: [{ authorId: 'a2', name: 'Bob' }, null, { authorId: 'a1', name: 'Ann' }],
        [posts]: [{ authorId: 'a1', postId: 'p1', title: 'First', likes: 3 }],
      },
      unprocessedKeys: { [authors]: [], [posts]: [] },
    });
  });

  it('accepts the list of keys given directly for a table', async () => {
    const response = await dataSource.invoke({
      operation: 'BatchGetItem',
      tables: { [authors]: [{ authorId: { S: 'a1' } }] },
    });
    expect((expectSuccess(response) as BatchResult).data[authors]).toEqual([{ authorId: 'a1', name: 'Ann' }]);
  });

  it('applies a projection that leaves out the key and still matches items to keys', async () => {
    const response = await dataSource.invoke({
      operation: 'BatchGetItem',
      tables: {
        [authors]: {
          keys: [{ authorId: { S: 'a2' } }, { authorId: { S: 'a1' } }],
          projection: { expression: '#name', expressionNames: { '#name': 'name' } },
        },
      },
    });
    expect((expectSuccess(response) as BatchResult).data[authors]).toEqual([{ name: 'Bob' }, { name: 'Ann' }]);
  });

  it('returns the keys DynamoDB left unprocessed, with null in their place in data', async () => {
    // DynamoDB answers at most 16 MB per BatchGetItem: 50 items of ~390 KB cannot all come back.
    const big = 'x'.repeat(390 * 1024);
    for (let start = 0; start < 50; start += 5) {
      const writes = Array.from({ length: 5 }, (_, i) => ({
        PutRequest: { Item: { id: { S: `blob-${start + i}` }, body: { S: big } } },
      }));
      await admin.send(new BatchWriteItemCommand({ RequestItems: { [blobs]: writes } }));
    }
    const keys = Array.from({ length: 50 }, (_, i) => ({ id: { S: `blob-${i}` } }));
    for (const projection of [undefined, { expression: 'id' }]) {
      const response = await dataSource.invoke({ operation: 'BatchGetItem', tables: { [blobs]: { keys, projection } } });
      const { data, unprocessedKeys } = expectSuccess(response) as BatchResult;
      const unprocessedIds = new Set((unprocessedKeys?.[blobs] ?? []).map((key) => key.id));
      expect(unprocessedIds.size).toBeGreaterThan(0);
      expect(data[blobs]).toHaveLength(50);
      data[blobs]?.forEach((item, i) => {
        if (unprocessedIds.has(`blob-${i}`)) expect(item).toBeNull();
        else expect(item?.id).toBe(`blob-${i}`);
      });
    }
  });

  it('reports a missing table as DynamoDB:ResourceNotFoundException', async () => {
    const response = await dataSource.invoke({
      operation: 'BatchGetItem',
      tables: { 'no-such-table': { keys: [{ id: { S: 'x' } }] } },
    });
    expect(response.result).toBeNull();
    expect(response.error?.type).toBe('DynamoDB:ResourceNotFoundException');
    expect(response.error?.message).toMatch(AWS_SUFFIX);
  });
});

describe('BatchDeleteItem', () => {
  it('returns the keys deleted per table and empty unprocessedKeys', async () => {
    await dataSource.invoke({
      operation: 'BatchPutItem',
      tables: { [authors]: [{ authorId: { S: 'd1' } }, { authorId: { S: 'd2' } }] },
    });
    const response = await dataSource.invoke({
      operation: 'BatchDeleteItem',
      tables: { [authors]: [{ authorId: { S: 'd1' } }, { authorId: { S: 'd2' } }] },
    });
    expect(expectSuccess(response)).toEqual({
      data: { [authors]: [{ authorId: 'd1' }, { authorId: 'd2' }] },
      unprocessedKeys: { [authors]: [] },
    });
    const gone = await dataSource.invoke({
      operation: 'BatchGetItem',
      tables: { [authors]: { keys: [{ authorId: { S: 'd1' } }, { authorId: { S: 'd2' } }] } },
    });
    expect((expectSuccess(gone) as BatchResult).data[authors]).toEqual([null, null]);
  });

  it('reports more than 25 deletes as DynamoDB rejects them', async () => {
    const keys = Array.from({ length: 26 }, (_, i) => ({ authorId: { S: `many-${i}` } }));
    const response = await dataSource.invoke({ operation: 'BatchDeleteItem', tables: { [authors]: keys } });
    expect(response.result).toBeNull();
    expect(response.error?.type).toBe('DynamoDB:DynamoDbException');
  });
});

describe('unprocessed batch writes', () => {
  // DynamoDB Local processes every write of a batch, so DynamoDB's answer is played by a stub.
  function answering(UnprocessedItems: Record<string, unknown[]>): DynamoDbSender {
    return { send: async () => ({ UnprocessedItems }) } as unknown as DynamoDbSender;
  }

  it('marks the items DynamoDB left unprocessed as null and lists them in unprocessedItems', async () => {
    const client = answering({ authors: [{ PutRequest: { Item: { authorId: { S: 'u2' }, n: { N: '2' } } } }] });
    const response = await batchPutItem(
      { client, tableName: 'authors' },
      {
        operation: 'BatchPutItem',
        tables: { authors: [{ authorId: { S: 'u1' } }, { authorId: { S: 'u2' }, n: { N: 2 } }], posts: [] },
      },
    );
    expect(response).toEqual({
      result: {
        data: { authors: [{ authorId: 'u1' }, null], posts: [] },
        unprocessedItems: { authors: [{ authorId: 'u2', n: 2 }], posts: [] },
      },
    });
  });

  it('marks the keys DynamoDB left unprocessed as null and lists them in unprocessedKeys', async () => {
    const client = answering({ authors: [{ DeleteRequest: { Key: { authorId: { S: 'u1' } } } }] });
    const response = await batchDeleteItem(
      { client, tableName: 'authors' },
      { operation: 'BatchDeleteItem', tables: { authors: [{ authorId: { S: 'u1' } }, { authorId: { S: 'u2' } }] } },
    );
    expect(response).toEqual({
      result: { data: { authors: [null, { authorId: 'u2' }] }, unprocessedKeys: { authors: [{ authorId: 'u1' }] } },
    });
  });
});
