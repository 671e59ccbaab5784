import { describe, expect, it } from 'vitest';
import type { DynamoDBStreamRecord } from '../../../../src/dynamodb/streams/index.ts';
import { pkOf, recordingHandler, useStreamTables } from './support.ts';

const { createStreamTable, startPollers } = useStreamTables('ordering');

const KEYS = 20;
const WRITES_PER_KEY = 10;

describe('stream order', () => {
  it('delivers 200 writes across 20 items once each, every item’s changes in the order they were made', async () => {
    const table = await createStreamTable();
    const { calls, handler } = recordingHandler();
    const pollers = await startPollers({ tableName: table.tableName, functionName: 'ordering', handler, batchSize: 7 });

    // One chain of writes per item, the chains running side by side so items interleave in the stream.
    await Promise.all(
      Array.from({ length: KEYS }, async (_, key) => {
        for (let version = 0; version < WRITES_PER_KEY; version++) await table.put(`item-${key}`, { version });
      }),
    );
    await pollers.drain();

    const records = calls.flatMap((event) => event.Records);
    expect(calls.every((event) => event.Records.length >= 1 && event.Records.length <= 7)).toBe(true);
    expect(records).toHaveLength(KEYS * WRITES_PER_KEY);
    expect(new Set(records.map((record) => record.eventID)).size).toBe(KEYS * WRITES_PER_KEY);
    expect(new Set(records.map((record) => record.dynamodb.SequenceNumber)).size).toBe(KEYS * WRITES_PER_KEY);

    const byKey = new Map<string, DynamoDBStreamRecord[]>();
    for (const record of records) byKey.set(pkOf(record) ?? '', [...(byKey.get(pkOf(record) ?? '') ?? []), record]);
    expect(byKey.size).toBe(KEYS);
    for (const [key, changes] of byKey) {
      const versions = Array.from({ length: WRITES_PER_KEY }, (_, version) => String(version));
      expect(
        changes.map((record) => record.dynamodb.NewImage?.version?.N),
        key,
      ).toEqual(versions);
      expect(
        changes.map((record) => record.eventName),
        key,
      ).toEqual(['INSERT', ...Array<string>(WRITES_PER_KEY - 1).fill('MODIFY')]);
      changes.slice(1).forEach((record, index) => expect(record.dynamodb.OldImage).toEqual(changes[index]?.dynamodb.NewImage));
    }
    expect(pollers.failures()).toEqual([]);
  });

  it('keeps delivering what is written after a drain', async () => {
    const table = await createStreamTable();
    const { calls, handler } = recordingHandler();
    const pollers = await startPollers({ tableName: table.tableName, functionName: 'again', handler });

    await table.put('first');
    await pollers.drain();
    await table.put('second');
    await pollers.drain();

    expect(calls.flatMap((event) => event.Records.map(pkOf))).toEqual(['first', 'second']);
  });
});
