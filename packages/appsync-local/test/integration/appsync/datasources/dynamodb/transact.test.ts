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
  uniqueTableName,
} from './support.ts';

const accounts = uniqueTableName('accounts');
const ledger = uniqueTableName('ledger');
let admin: DynamoDBClient;
let dataSource: DynamoDbDataSource;

beforeAll(async () => {
  admin = createAdminClient();
  await createTables(admin, [describeTable(accounts, 'accountId'), describeTable(ledger, 'entryId')]);
  dataSource = openDataSource(accounts);
  expectSuccess(
    await dataSource.invoke({
      operation: 'BatchPutItem',
      tables: {
        [accounts]: [
          { accountId: { S: 'alice' }, balance: { N: 100 } },
          { accountId: { S: 'bob' }, balance: { N: 5 } },
        ],
      },
    }),
  );
});

afterAll(async () => {
  dataSource.close();
  await deleteTables(admin, [accounts, ledger]);
  admin.destroy();
});

function transfer(from: string, to: string, amount: number, entryId: string, returnValuesOnConditionCheckFailure?: boolean) {
  return dataSource.invoke({
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table: accounts,
        operation: 'UpdateItem',
        key: { accountId: { S: from } },
        update: { expression: 'SET balance = balance - :amount', expressionValues: { ':amount': { N: amount } } },
        condition: {
          expression: 'balance >= :amount',
          expressionValues: { ':amount': { N: amount } },
          returnValuesOnConditionCheckFailure,
        },
      },
      {
        table: accounts,
        operation: 'UpdateItem',
        key: { accountId: { S: to } },
        update: { expression: 'SET balance = balance + :amount', expressionValues: { ':amount': { N: amount } } },
      },
      {
        table: ledger,
        operation: 'PutItem',
        key: { entryId: { S: entryId } },
        attributeValues: { from: { S: from }, to: { S: to }, amount: { N: amount } },
        condition: { expression: 'attribute_not_exists(entryId)' },
      },
    ],
  });
}

async function balanceOf(accountId: string): Promise<unknown> {
  const response = await dataSource.invoke({ operation: 'GetItem', key: { accountId: { S: accountId } }, consistentRead: true });
  return (expectSuccess(response) as { balance: number }).balance;
}

describe('TransactWriteItems', () => {
  it('returns the keys of the request items in order and a null cancellationReasons', async () => {
    const response = await transfer('alice', 'bob', 30, 'e1');
    expect(response).toEqual({
      result: { keys: [{ accountId: 'alice' }, { accountId: 'bob' }, { entryId: 'e1' }], cancellationReasons: null },
    });
    expect(await balanceOf('alice')).toBe(70);
    expect(await balanceOf('bob')).toBe(35);
  });

  it('is cancelled by a failed condition, reporting every item and the current item of the failed one', async () => {
    const response = await transfer('bob', 'alice', 1000, 'e2');
    expect(response.error?.type).toBe('DynamoDB:TransactionCanceledException');
    expect(response.error?.message).toMatch(
      /^Transaction cancelled, please refer cancellation reasons for specific reasons \[ConditionalCheckFailed, None, None\]/,
    );
    expect(response.error?.message).toMatch(AWS_SUFFIX);
    expect(response.result).toEqual({
      keys: null,
      cancellationReasons: [
        {
          type: 'ConditionalCheckFailed',
          message: expect.stringContaining('conditional request failed'),
          item: { accountId: 'bob', balance: 35 },
        },
        { type: 'None', message: 'None' },
        { type: 'None', message: 'None' },
      ],
    });
    expect(await balanceOf('bob')).toBe(35);
    expect(await balanceOf('alice')).toBe(70);
    const entry = await dataSource.invoke({
      operation: 'TransactGetItems',
      transactItems: [{ table: ledger, key: { entryId: { S: 'e2' } } }],
    });
    expect(entry.result).toEqual({ items: [null], cancellationReasons: null });
  });

  it('leaves the current item out of the reason when returnValuesOnConditionCheckFailure is false', async () => {
    const response = await transfer('bob', 'alice', 1000, 'e3', false);
    const reasons = (response.result as { cancellationReasons: Record<string, unknown>[] }).cancellationReasons;
    expect(reasons[0]?.type).toBe('ConditionalCheckFailed');
    expect(reasons[0]).not.toHaveProperty('item');
  });

  it('checks a condition on an item it does not write', async () => {
    const response = await dataSource.invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: accounts,
          operation: 'ConditionCheck',
          key: { accountId: { S: 'alice' } },
          condition: { expression: 'attribute_exists(accountId)' },
        },
        { table: ledger, operation: 'DeleteItem', key: { entryId: { S: 'e1' } } },
      ],
    });
    expect(response).toEqual({ result: { keys: [{ accountId: 'alice' }, { entryId: 'e1' }], cancellationReasons: null } });
  });

  it('requires a condition for ConditionCheck', async () => {
    const response = await dataSource.invoke({
      operation: 'TransactWriteItems',
      transactItems: [{ table: accounts, operation: 'ConditionCheck', key: { accountId: { S: 'alice' } } }],
    });
    expect(response).toEqual({
      result: null,
      error: { type: 'MappingTemplate', message: "Value for field '$[transactItems][0][condition]' not found." },
    });
  });

  it('rejects an unknown request item operation', async () => {
    const response = await dataSource.invoke({
      operation: 'TransactWriteItems',
      transactItems: [{ table: accounts, operation: 'Upsert', key: { accountId: { S: 'alice' } } }],
    });
    expect(response.error).toEqual({ type: 'MappingTemplate', message: "Unsupported element '$[transactItems][0][operation]'." });
  });
});

describe('TransactGetItems', () => {
  it('returns the items in request order, null for one not found, with projections', async () => {
    const response = await dataSource.invoke({
      operation: 'TransactGetItems',
      transactItems: [
        { table: accounts, key: { accountId: { S: 'bob' } } },
        { table: accounts, key: { accountId: { S: 'carol' } } },
        {
          table: accounts,
          key: { accountId: { S: 'alice' } },
          projection: { expression: '#b', expressionNames: { '#b': 'balance' } },
        },
      ],
    });
    expect(response).toEqual({
      result: { items: [{ accountId: 'bob', balance: 35 }, null, { balance: 70 }], cancellationReasons: null },
    });
  });

  it('reports a missing table as a DynamoDB error with a null result', async () => {
    const response = await dataSource.invoke({
      operation: 'TransactGetItems',
      transactItems: [{ table: 'no-such-table', key: { id: { S: 'x' } } }],
    });
    expect(response.result).toBeNull();
    expect(response.error?.type).toMatch(/^DynamoDB:/);
    expect(response.error?.message).toMatch(AWS_SUFFIX);
  });
});
