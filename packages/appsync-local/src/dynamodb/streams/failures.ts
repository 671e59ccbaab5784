// What happens to records whose retries ran out: kept in failures() (the on-failure list, the last
// MAX_KEPT_FAILURES batches, as the bus keeps its dead letters), then handed to onFailure with the
// batch metadata AWS sends an on-failure destination. A throwing onFailure is noted, not fatal.
import { describeError } from './errors.ts';
import type { DynamoDBStreamRecord, EventSourceMapping, StreamBatchFailure } from './types.ts';

/** How many discarded batches failures() keeps, newest last; older ones are dropped. */
export const MAX_KEPT_FAILURES = 1000;

export interface FailureSource {
  readonly tableName: string;
  readonly functionName: string;
  readonly streamArn: string;
  readonly shardId: string;
}

export function toBatchFailure(
  source: FailureSource,
  records: DynamoDBStreamRecord[],
  error: string,
  attempts: number,
): StreamBatchFailure {
  const first = records[0];
  const last = records.at(-1);
  if (!first || !last) throw new Error('invariant: a discarded batch has records');
  return {
    records,
    error,
    attempts,
    functionName: source.functionName,
    tableName: source.tableName,
    condition: 'RetryAttemptsExhausted',
    timestamp: new Date().toISOString(),
    DDBStreamBatchInfo: {
      shardId: source.shardId,
      startSequenceNumber: first.dynamodb.SequenceNumber,
      endSequenceNumber: last.dynamodb.SequenceNumber,
      approximateArrivalOfFirstRecord: toIsoSeconds(first.dynamodb.ApproximateCreationDateTime),
      approximateArrivalOfLastRecord: toIsoSeconds(last.dynamodb.ApproximateCreationDateTime),
      batchSize: records.length,
      streamArn: source.streamArn,
    },
  };
}

export async function deliverFailure(
  failure: StreamBatchFailure,
  kept: StreamBatchFailure[],
  onFailure: EventSourceMapping['onFailure'],
): Promise<void> {
  kept.push(failure);
  if (kept.length > MAX_KEPT_FAILURES) kept.shift();
  if (!onFailure) {
    console.warn(
      `[streams] ${failure.tableName} → ${failure.functionName}: discarded ${failure.records.length} record(s) ` +
        `(${failure.DDBStreamBatchInfo.startSequenceNumber}…${failure.DDBStreamBatchInfo.endSequenceNumber}) ` +
        `after ${failure.attempts} attempt(s): ${failure.error} (kept in the pollers' failures())`,
    );
    return;
  }
  try {
    await onFailure(failure);
  } catch (error) {
    failure.destinationError = describeError(error);
    console.error(`[streams] onFailure of ${failure.functionName} threw: ${failure.destinationError}`);
  }
}

function toIsoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
