// One invocation of the handler with a batch, and what Lambda makes of its result
// (services-ddb-batchfailurereporting): a throw is a function error; with ReportBatchItemFailures a
// non-empty `batchItemFailures` is a partial success up to the failed record with the lowest
// sequence number, and a malformed one fails the whole batch.
import { randomUUID } from 'node:crypto';
import { describeError } from './errors.ts';
import type { DynamoDBStreamRecord, StreamHandler } from './types.ts';

export type InvocationOutcome =
  { kind: 'success' } | { kind: 'partial'; firstFailedIndex: number; error: string } | { kind: 'error'; error: string };

export interface InvocationTarget {
  readonly handler: StreamHandler;
  readonly functionName: string;
  readonly reportBatchItemFailures: boolean;
}

export async function invokeHandler(target: InvocationTarget, records: DynamoDBStreamRecord[]): Promise<InvocationOutcome> {
  let response: unknown;
  try {
    response = await target.handler({ Records: records }, { functionName: target.functionName, awsRequestId: randomUUID() });
  } catch (error) {
    return { kind: 'error', error: describeError(error) };
  }
  return target.reportBatchItemFailures ? readBatchItemFailures(response, records) : { kind: 'success' };
}

function readBatchItemFailures(response: unknown, records: DynamoDBStreamRecord[]): InvocationOutcome {
  if (response === undefined || response === null || typeof response !== 'object') return { kind: 'success' };
  const failures: unknown = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return malformed(`batchItemFailures is not a list: ${JSON.stringify(failures)}`);
  if (failures.length === 0) return { kind: 'success' };

  let firstFailedIndex = records.length;
  for (const failure of failures) {
    const identifier: unknown =
      typeof failure === 'object' && failure !== null ? (failure as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof identifier !== 'string' || identifier === '') {
      return malformed(`batchItemFailures has an entry without an itemIdentifier: ${JSON.stringify(failure)}`);
    }
    const index = records.findIndex((record) => record.dynamodb.SequenceNumber === identifier);
    if (index === -1) return malformed(`batchItemFailures names ${identifier}, which is not a sequence number in the batch`);
    firstFailedIndex = Math.min(firstFailedIndex, index);
  }
  const failed = records[firstFailedIndex]?.dynamodb.SequenceNumber;
  return { kind: 'partial', firstFailedIndex, error: `The function reported a failure from record ${failed} on` };
}

function malformed(reason: string): InvocationOutcome {
  return { kind: 'error', error: `Invalid partial batch response: ${reason}` };
}
