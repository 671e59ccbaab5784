import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { createLocalDynamoDbClient, createTables } from '../../../../src/dynamodb/tables.ts';
import { REGION, pksOf, recordingHandler, useStreamTables } from './support.ts';

const { createStreamTable, startPollers } = useStreamTables('records');

describe('the records a stream handler receives', () => {
  it('carries INSERT, MODIFY and REMOVE with old and new images in Lambda’s shape', async () => {
    const table = await createStreamTable();
    const { calls, handler } = recordingHandler();
    const pollers = await startPollers({ tableName: table.tableName, functionName: 'shape', handler });

    await table.put('p1', { name: 'Mug', price: 12 });
    await table.update('p1', { price: 15 });
    await table.remove('p1');
    await pollers.drain();

    const records = calls.flatMap((event) => event.Records);
    const base = {
      eventID: expect.any(String),
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: REGION,
      eventSourceARN: table.streamArn,
    };
    const data = {
      ApproximateCreationDateTime: expect.any(Number),
      Keys: { pk: { S: 'p1' } },
      SequenceNumber: expect.stringMatching(/^\d{21,40}$/),
      SizeBytes: expect.any(Number),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    };
    const first = { pk: { S: 'p1' }, name: { S: 'Mug' }, price: { N: '12' } };
    const second = { pk: { S: 'p1' }, name: { S: 'Mug' }, price: { N: '15' } };
    expect(records).toEqual([
      { ...base, eventName: 'INSERT', dynamodb: { ...data, NewImage: first } },
      { ...base, eventName: 'MODIFY', dynamodb: { ...data, OldImage: first, NewImage: second } },
      { ...base, eventName: 'REMOVE', dynamodb: { ...data, OldImage: second } },
    ]);
    expect(Object.keys(records[0] ?? {})).toEqual([
      'eventID',
      'eventName',
      'eventVersion',
      'eventSource',
      'awsRegion',
      'dynamodb',
      'eventSourceARN',
    ]);
    // Epoch seconds, not milliseconds or a Date: DynamoDB Local rounds them down to the minute.
    for (const record of records)
      expect(Math.abs(record.dynamodb.ApproximateCreationDateTime - Date.now() / 1000)).toBeLessThan(120);
    expect(records.map((record) => BigInt(record.dynamodb.SequenceNumber))).toEqual(
      records.map((record) => BigInt(record.dynamodb.SequenceNumber)).sort((a, b) => (a < b ? -1 : 1)),
    );
  });

  it('gives binary, set, list and map attributes in DynamoDB JSON as Lambda sends it (base64 binary)', async () => {
    const table = await createStreamTable();
    const { calls, handler } = recordingHandler();
    const pollers = await startPollers({ tableName: table.tableName, functionName: 'types', handler });
    const client = createLocalDynamoDbClient(inject('dynamodbEndpoint'));
    await client.send(
      new PutItemCommand({
        TableName: table.tableName,
        Item: {
          pk: { S: 'p1' },
          bytes: { B: new Uint8Array([1, 2, 3]) },
          byteSet: { BS: [new Uint8Array([255])] },
          tags: { SS: ['a', 'b'] },
          sizes: { NS: ['1', '2.5'] },
          nested: { M: { ok: { BOOL: true }, none: { NULL: true }, list: { L: [{ S: 'x' }, { N: '3' }] } } },
        },
      }),
    );
    client.destroy();
    await pollers.drain();

    const event = calls[0];
    expect(event?.Records[0]?.dynamodb.NewImage).toEqual({
      pk: { S: 'p1' },
      bytes: { B: 'AQID' },
      byteSet: { BS: ['/w=='] },
      tags: { SS: ['a', 'b'] },
      sizes: { NS: ['1', '2.5'] },
      nested: { M: { ok: { BOOL: true }, none: { NULL: true }, list: { L: [{ S: 'x' }, { N: '3' }] } } },
    });
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });

  it('passes the function name and a fresh request id in the context', async () => {
    const table = await createStreamTable();
    const contexts: { functionName: string; awsRequestId: string }[] = [];
    const pollers = await startPollers({
      tableName: table.tableName,
      functionName: 'productsTableEvents',
      batchSize: 1,
      handler: async (_event, context) => {
        contexts.push(context);
      },
    });
    await table.put('a');
    await table.put('b');
    await pollers.drain();

    expect(contexts).toHaveLength(2);
    expect(contexts.map((context) => context.functionName)).toEqual(['productsTableEvents', 'productsTableEvents']);
    expect(new Set(contexts.map((context) => context.awsRequestId)).size).toBe(2);
  });

  it('starts after the records already in the stream when the starting position is LATEST', async () => {
    const table = await createStreamTable();
    await table.put('before');
    const { calls, handler } = recordingHandler();
    const pollers = await startPollers({
      tableName: table.tableName,
      functionName: 'latest',
      handler,
      startingPosition: 'LATEST',
    });
    await table.put('after');
    await pollers.drain();

    expect(calls.flatMap(pksOf)).toEqual(['after']);
  });

  it('gathers records for the batching window before invoking', async () => {
    const table = await createStreamTable();
    const { calls, handler } = recordingHandler();
    const pollers = await startPollers({
      tableName: table.tableName,
      functionName: 'window',
      handler,
      maximumBatchingWindowMs: 1500,
    });
    for (let i = 0; i < 5; i++) await table.put(`w${i}`);
    await pollers.drain();

    expect(calls.map(pksOf)).toEqual([['w0', 'w1', 'w2', 'w3', 'w4']]);
  });

  it('refuses a missing table, a table without a stream, and settings AWS would refuse', async () => {
    const table = await createStreamTable();
    const client = createLocalDynamoDbClient(inject('dynamodbEndpoint'));
    await createTables(client, [{ name: `${table.tableName}-plain`, partitionKey: { name: 'pk', type: 'S' } }]);
    client.destroy();
    const handler = recordingHandler().handler;
    await expect(startPollers({ tableName: `${table.tableName}-missing`, functionName: 'f', handler })).rejects.toThrow(
      /not found|non-existent/i,
    );
    await expect(startPollers({ tableName: `${table.tableName}-plain`, functionName: 'f', handler })).rejects.toThrow(
      `Table ${table.tableName}-plain has no stream enabled`,
    );
    await expect(startPollers({ tableName: table.tableName, functionName: 'f', handler, batchSize: 0 })).rejects.toThrow(
      /batchSize must be an integer from 1 to 10000 \(got 0\)/,
    );
    await expect(
      startPollers({ tableName: table.tableName, functionName: 'f', handler, maximumRetryAttempts: -2 }),
    ).rejects.toThrow(/maximumRetryAttempts must be an integer from -1 to 10000/);
  });
});
