import { BatchWriteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDbDataSource } from '../../../../../src/appsync/datasources/dynamodb/index.ts';
import {
  AWS_SUFFIX,
  createAdminClient,
  createTables,
  deleteTables,
  expectSuccess,
  openDataSource,
  uniqueTableName,
} from './support.ts';

interface Page {
  items: Record<string, unknown>[];
  nextToken: string | null;
  scannedCount: number;
}

const table = uniqueTableName('orders');
const otherTable = uniqueTableName('orders-other');
let admin: DynamoDBClient;
let dataSource: DynamoDbDataSource;
let otherDataSource: DynamoDbDataSource;

// 25 orders of customer c1 (sk 1..25, odd ones open) and 5 of customer c2.
const SEED = [
  ...Array.from({ length: 25 }, (_, i) => ({ pk: 'c1', sk: i + 1, status: i % 2 === 0 ? 'open' : 'closed' })),
  ...Array.from({ length: 5 }, (_, i) => ({ pk: 'c2', sk: i + 1, status: 'open' })),
];

beforeAll(async () => {
  admin = createAdminClient();
  const schema = (TableName: string) => ({
    TableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' as const },
      { AttributeName: 'sk', AttributeType: 'N' as const },
      { AttributeName: 'status', AttributeType: 'S' as const },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' as const },
      { AttributeName: 'sk', KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byStatus',
        KeySchema: [
          { AttributeName: 'status', KeyType: 'HASH' as const },
          { AttributeName: 'sk', KeyType: 'RANGE' as const },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' as const },
      },
    ],
  });
  await createTables(admin, [schema(table), schema(otherTable)]);
  for (let start = 0; start < SEED.length; start += 25) {
    const writes = SEED.slice(start, start + 25).map((order) => ({
      PutRequest: {
        Item: {
          pk: { S: order.pk },
          sk: { N: String(order.sk) },
          status: { S: order.status },
          title: { S: `order ${order.pk}-${order.sk}` },
        },
      },
    }));
    await admin.send(new BatchWriteItemCommand({ RequestItems: { [table]: writes } }));
  }
  dataSource = openDataSource(table);
  otherDataSource = openDataSource(otherTable);
});

afterAll(async () => {
  dataSource.close();
  otherDataSource.close();
  await deleteTables(admin, [table, otherTable]);
  admin.destroy();
});

const customerQuery = (customer: string) => ({
  expression: 'pk = :pk',
  expressionValues: { ':pk': { S: customer } },
});

async function readAllPages(request: Record<string, unknown>): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = [];
  let nextToken: string | null = null;
  let pages = 0;
  do {
    const page = expectSuccess(await dataSource.invoke({ ...request, nextToken })) as Page;
    items.push(...page.items);
    nextToken = page.nextToken;
    pages += 1;
    expect(pages).toBeLessThan(50);
  } while (nextToken !== null);
  return { items, pages };
}

describe('Query', () => {
  it('returns items, a null nextToken on the last page, and scannedCount', async () => {
    const response = await dataSource.invoke({ operation: 'Query', query: customerQuery('c2') });
    const page = expectSuccess(response) as Page;
    expect(page.items.map((item) => item.sk)).toEqual([1, 2, 3, 4, 5]);
    expect(page.items[0]).toEqual({ pk: 'c2', sk: 1, status: 'open', title: 'order c2-1' });
    expect(page.nextToken).toBeNull();
    expect(page.scannedCount).toBe(5);
  });

  it('pages a Query to the end with nextToken, returning every item exactly once', async () => {
    const { items, pages } = await readAllPages({ operation: 'Query', query: customerQuery('c1'), limit: 4 });
    expect(pages).toBeGreaterThanOrEqual(7);
    expect(items.map((item) => item.sk)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('hands out an opaque nextToken that reveals nothing of the key', async () => {
    const page = expectSuccess(await dataSource.invoke({ operation: 'Query', query: customerQuery('c1'), limit: 2 })) as Page;
    expect(typeof page.nextToken).toBe('string');
    const decoded = Buffer.from(page.nextToken ?? '', 'base64').toString('utf8');
    // The key would appear as JSON ("c1", "sk"): quoted, which no base64 text can hold by chance
    // (a bare c1 can: 1 token in about 30 contained it, and failed this test).
    const sealed = Buffer.from((JSON.parse(decoded) as { token: string }).token, 'base64').toString('latin1');
    for (const text of [decoded, sealed]) {
      expect(text).not.toContain('"c1"');
      expect(text).not.toContain('"sk"');
    }
  });

  it('queries backwards when scanIndexForward is false', async () => {
    const page = expectSuccess(
      await dataSource.invoke({ operation: 'Query', query: customerQuery('c2'), scanIndexForward: false, limit: 2 }),
    ) as Page;
    expect(page.items.map((item) => item.sk)).toEqual([5, 4]);
  });

  it('filters after reading: scannedCount counts what the key condition matched', async () => {
    const page = expectSuccess(
      await dataSource.invoke({
        operation: 'Query',
        query: customerQuery('c1'),
        filter: {
          expression: '#status = :open',
          expressionNames: { '#status': 'status' },
          expressionValues: { ':open': { S: 'open' } },
        },
      }),
    ) as Page;
    expect(page.items).toHaveLength(13);
    expect(page.items.every((item) => item.status === 'open')).toBe(true);
    expect(page.scannedCount).toBe(25);
  });

  it('returns only the projected attributes', async () => {
    const page = expectSuccess(
      await dataSource.invoke({
        operation: 'Query',
        query: {
          expression: 'pk = :pk AND sk BETWEEN :low AND :high',
          expressionValues: { ':pk': { S: 'c1' }, ':low': { N: 2 }, ':high': { N: 3 } },
        },
        projection: { expression: '#title', expressionNames: { '#title': 'title' } },
      }),
    ) as Page;
    expect(page.items).toEqual([{ title: 'order c1-2' }, { title: 'order c1-3' }]);
  });

  it('counts with select COUNT and returns no items', async () => {
    const page = expectSuccess(
      await dataSource.invoke({ operation: 'Query', query: customerQuery('c1'), select: 'COUNT' }),
    ) as Page;
    expect(page).toEqual({ items: [], nextToken: null, scannedCount: 25 });
  });

  it('queries a global secondary index and pages through it', async () => {
    const request = {
      operation: 'Query',
      index: 'byStatus',
      query: {
        expression: '#status = :closed',
        expressionNames: { '#status': 'status' },
        expressionValues: { ':closed': { S: 'closed' } },
      },
      limit: 5,
    };
    const { items } = await readAllPages(request);
    expect(items).toHaveLength(12);
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(['pk', 'sk', 'status']);
  });

  it('reports a DynamoDB validation failure as DynamoDB:DynamoDbException', async () => {
    const response = await dataSource.invoke({
      operation: 'Query',
      index: 'byStatus',
      query: {
        expression: '#status = :open',
        expressionNames: { '#status': 'status' },
        expressionValues: { ':open': { S: 'open' } },
      },
      select: 'ALL_ATTRIBUTES',
    });
    expect(response.result).toBeNull();
    expect(response.error?.type).toBe('DynamoDB:DynamoDbException');
    expect(response.error?.message).toMatch(AWS_SUFFIX);
  });
});

describe('Scan', () => {
  it('pages a Scan to the end with nextToken, returning every item exactly once', async () => {
    const { items, pages } = await readAllPages({ operation: 'Scan', limit: 7 });
    expect(pages).toBeGreaterThanOrEqual(5);
    const keys = items.map((item) => `${String(item.pk)}#${String(item.sk)}`);
    expect(new Set(keys).size).toBe(SEED.length);
    expect(keys).toHaveLength(SEED.length);
  });

  it('filters and projects, with scannedCount counting the items read', async () => {
    const page = expectSuccess(
      await dataSource.invoke({
        operation: 'Scan',
        filter: { expression: 'pk = :pk AND sk <= :max', expressionValues: { ':pk': { S: 'c2' }, ':max': { N: 2 } } },
        projection: { expression: 'sk' },
        consistentRead: true,
      }),
    ) as Page;
    expect(page.items.map((item) => item.sk).sort()).toEqual([1, 2]);
    expect(page.items.every((item) => Object.keys(item).join() === 'sk')).toBe(true);
    expect(page.scannedCount).toBe(SEED.length);
  });

  it('splits the table between the segments of a parallel scan', async () => {
    const seen: string[] = [];
    for (let segment = 0; segment < 3; segment += 1) {
      const page = expectSuccess(await dataSource.invoke({ operation: 'Scan', segment, totalSegments: 3 })) as Page;
      seen.push(...page.items.map((item) => `${String(item.pk)}#${String(item.sk)}`));
    }
    expect(new Set(seen).size).toBe(SEED.length);
    expect(seen).toHaveLength(SEED.length);
  });

  it('scans an index', async () => {
    const page = expectSuccess(await dataSource.invoke({ operation: 'Scan', index: 'byStatus', select: 'COUNT' })) as Page;
    expect(page.scannedCount).toBe(SEED.length);
    expect(page.items).toEqual([]);
  });
});

describe('nextToken', () => {
  const INVALID_TOKEN = {
    type: 'DynamoDB:UserIllegalArgumentException',
    message: 'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.',
  };

  async function firstToken(request: Record<string, unknown>): Promise<string> {
    const page = expectSuccess(await dataSource.invoke(request)) as Page;
    if (page.nextToken === null) throw new Error('expected a nextToken');
    return page.nextToken;
  }

  it('rejects a malformed nextToken', async () => {
    const response = await dataSource.invoke({ operation: 'Query', query: customerQuery('c1'), nextToken: 'not-a-token' });
    expect(response).toEqual({ result: null, error: INVALID_TOKEN });
  });

  it('rejects a nextToken that was tampered with', async () => {
    const token = await firstToken({ operation: 'Query', query: customerQuery('c1'), limit: 3 });
    const envelope = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { version: number; token: string };
    const sealed = Buffer.from(envelope.token, 'base64');
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1;
    const tampered = Buffer.from(JSON.stringify({ ...envelope, token: sealed.toString('base64') })).toString('base64');
    const response = await dataSource.invoke({ operation: 'Query', query: customerQuery('c1'), nextToken: tampered });
    expect(response).toEqual({ result: null, error: INVALID_TOKEN });
  });

  it('rejects a nextToken issued for another operation, index or table', async () => {
    const scanToken = await firstToken({ operation: 'Scan', limit: 3 });
    const asQuery = await dataSource.invoke({ operation: 'Query', query: customerQuery('c1'), nextToken: scanToken });
    expect(asQuery.error).toEqual(INVALID_TOKEN);
    const onIndex = await dataSource.invoke({ operation: 'Scan', index: 'byStatus', nextToken: scanToken });
    expect(onIndex.error).toEqual(INVALID_TOKEN);
    const elsewhere = await otherDataSource.invoke({ operation: 'Scan', nextToken: scanToken });
    expect(elsewhere.error).toEqual(INVALID_TOKEN);
  });
});
