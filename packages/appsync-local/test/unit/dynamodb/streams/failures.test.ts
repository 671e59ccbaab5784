// The on-failure list of the stream pollers: every discarded batch is kept (with or without an
// onFailure function), up to MAX_KEPT_FAILURES, the oldest dropped first.
import { describe, expect, it } from 'vitest';
import { deliverFailure, MAX_KEPT_FAILURES, toBatchFailure } from '../../../../src/dynamodb/streams/failures.ts';
import type { DynamoDBStreamRecord, StreamBatchFailure } from '../../../../src/dynamodb/streams/types.ts';

const source = { tableName: 'orders', functionName: 'orders-tableEvents', streamArn: 'arn:stream', shardId: 'shard-1' };

function record(sequenceNumber: string): DynamoDBStreamRecord {
  return {
    eventID: `e${sequenceNumber}`,
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: source.streamArn,
    dynamodb: {
      ApproximateCreationDateTime: 1_700_000_000,
      Keys: { pk: { S: sequenceNumber } },
      SequenceNumber: sequenceNumber,
      SizeBytes: 10,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  } as DynamoDBStreamRecord;
}

describe('the on-failure list', () => {
  it('keeps a discarded batch, with AWS’s batch info, when the mapping has no onFailure', async () => {
    const kept: StreamBatchFailure[] = [];
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      await deliverFailure(toBatchFailure(source, [record('1'), record('2')], 'boom', 3), kept, undefined);
    } finally {
      console.warn = warn;
    }
    expect(kept).toEqual([
      expect.objectContaining({
        error: 'boom',
        attempts: 3,
        condition: 'RetryAttemptsExhausted',
        DDBStreamBatchInfo: expect.objectContaining({ startSequenceNumber: '1', endSequenceNumber: '2', batchSize: 2 }),
      }),
    ]);
    expect(warnings).toHaveLength(1);
  });

  it(`keeps the last ${MAX_KEPT_FAILURES} batches, dropping the oldest`, async () => {
    const kept: StreamBatchFailure[] = [];
    const delivered: string[] = [];
    for (let n = 0; n < MAX_KEPT_FAILURES + 3; n++) {
      await deliverFailure(toBatchFailure(source, [record(String(n))], 'boom', 1), kept, (failure) => {
        delivered.push(failure.DDBStreamBatchInfo.startSequenceNumber);
      });
    }
    expect(kept).toHaveLength(MAX_KEPT_FAILURES);
    expect(kept[0]!.DDBStreamBatchInfo.startSequenceNumber).toBe('3');
    expect(delivered).toHaveLength(MAX_KEPT_FAILURES + 3);
  });
});
