import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbDataSource, createDynamoDbDataSource } from '../../../../../src/appsync/datasources/dynamodb/index.ts';
import { findFreePort } from '../../../../../src/ports.ts';
import {
  AWS_SUFFIX,
  REGION,
  createAdminClient,
  createTables,
  deleteTables,
  describeTable,
  openDataSource,
  uniqueTableName,
} from './support.ts';

const table = uniqueTableName('errors');
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

const mappingTemplate = (message: string) => ({ result: null, error: { type: 'MappingTemplate', message } });

describe('an invalid request object', () => {
  it('is rejected when it is not an object', async () => {
    expect(await dataSource.invoke('GetItem')).toEqual(mappingTemplate('The request object must be a JSON object.'));
    expect(await dataSource.invoke(undefined)).toEqual(mappingTemplate('The request object must be a JSON object.'));
  });

  it('is rejected when it has no operation', async () => {
    expect(await dataSource.invoke({ key: { id: { S: 'x' } } })).toEqual(
      mappingTemplate("Value for field '$[operation]' not found."),
    );
  });

  it('is rejected when its operation is unknown', async () => {
    expect(await dataSource.invoke({ operation: 'Upsert', key: { id: { S: 'x' } } })).toEqual(
      mappingTemplate("Unsupported element '$[operation]'."),
    );
  });

  it('is rejected when a required field is missing', async () => {
    expect(await dataSource.invoke({ operation: 'GetItem' })).toEqual(mappingTemplate("Value for field '$[key]' not found."));
    expect(await dataSource.invoke({ operation: 'UpdateItem', key: { id: { S: 'x' } } })).toEqual(
      mappingTemplate("Value for field '$[update]' not found."),
    );
    expect(await dataSource.invoke({ operation: 'Query', query: { expressionValues: {} } })).toEqual(
      mappingTemplate("Value for field '$[query][expression]' not found."),
    );
  });

  it('is rejected when it carries a field the operation does not support', async () => {
    expect(await dataSource.invoke({ operation: 'Scan', scanIndexForward: true })).toEqual(
      mappingTemplate("Unsupported element '$[scanIndexForward]'."),
    );
    expect(
      await dataSource.invoke({
        operation: 'UpdateItem',
        key: { id: { S: 'x' } },
        update: { expression: 'SET a = :a', expressionValues: { ':a': { S: 'a' } } },
        condition: { expression: 'attribute_exists(id)', returnValuesOnConditionCheckFailure: false },
      }),
    ).toEqual(mappingTemplate("Unsupported element '$[condition][returnValuesOnConditionCheckFailure]'."));
  });

  it('treats null optional fields as absent, as JSON from a resolver often has them', async () => {
    const response = await dataSource.invoke({ operation: 'Scan', filter: null, limit: null, nextToken: null, index: undefined });
    expect(response.error).toBeUndefined();
    expect(response.result).toEqual({ items: [], nextToken: null, scannedCount: 0 });
  });

  it('is rejected when a key value is not a DynamoDB typed value', async () => {
    const response = await dataSource.invoke({ operation: 'GetItem', key: { id: 'plain' } });
    expect(response.result).toBeNull();
    expect(response.error?.type).toBe('MappingTemplate');
    expect(response.error?.message).toContain("'$[key][id]'");
  });

  it('is rejected when a field has the wrong JSON type', async () => {
    expect(await dataSource.invoke({ operation: 'Scan', limit: '10' })).toEqual(
      mappingTemplate("Expected an integer for field '$[limit]', but found a string."),
    );
  });

  it('does not parse a condition given as JSON text, and says so', async () => {
    const condition = JSON.stringify({ expression: 'attribute_exists(id)' });
    const response = await dataSource.invoke({ operation: 'DeleteItem', key: { id: { S: 'x' } }, condition });
    expect(response.error?.type).toBe('MappingTemplate');
    expect(response.error?.message).toMatch(
      /^Expected a JSON object for field '\$\[condition\]', but found a string\. .*JSON\.parse/,
    );
  });

  it('answers Sync with an error explaining that it needs a versioned data source', async () => {
    const response = await dataSource.invoke({ operation: 'Sync', limit: 10 });
    expect(response.result).toBeNull();
    expect(response.error?.type).toBe('MappingTemplate');
    expect(response.error?.message).toContain('versioned');
  });
});

describe('a DynamoDB failure', () => {
  it('reports a missing table as DynamoDB:ResourceNotFoundException with the SDK suffix', async () => {
    const missing = openDataSource('no-such-table');
    try {
      const response = await missing.invoke({ operation: 'GetItem', key: { id: { S: 'x' } } });
      expect(response.result).toBeNull();
      expect(response.error?.type).toBe('DynamoDB:ResourceNotFoundException');
      expect(response.error?.message).toMatch(AWS_SUFFIX);
    } finally {
      missing.close();
    }
  });

  it('reports a ValidationException as DynamoDB:DynamoDbException', async () => {
    const response = await dataSource.invoke({ operation: 'GetItem', key: { notTheKey: { S: 'x' } } });
    expect(response.result).toBeNull();
    expect(response.error?.type).toBe('DynamoDB:DynamoDbException');
    expect(response.error?.message).toMatch(/^The provided key element does not match the schema|^One of the required keys/);
    expect(response.error?.message).toMatch(AWS_SUFFIX);
  });

  it('resolves instead of rejecting when DynamoDB cannot be reached', async () => {
    const port = await findFreePort();
    const unreachable = createDynamoDbDataSource({ tableName: table, region: REGION, endpoint: `http://127.0.0.1:${port}` });
    try {
      const response = await unreachable.invoke({ operation: 'GetItem', key: { id: { S: 'x' } } });
      expect(response.result).toBeNull();
      expect(response.error?.type).toBe('DynamoDB:SdkClientException');
      expect(response.error?.message).toMatch(/^Unable to execute HTTP request: /);
    } finally {
      unreachable.close();
    }
  });
});
