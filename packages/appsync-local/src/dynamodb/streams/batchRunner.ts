// Runs one batch to the end the way Lambda's stream event source mapping does
// (services-dynamodb-errors, services-ddb-batchfailurereporting):
// - a function error retries the same records until they succeed or MaximumRetryAttempts runs out;
// - with BisectBatchOnFunctionError a failing batch is split in two and each half runs in order,
//   and splitting does not count against the retries;
// - a partial batch response checkpoints before the first failed record and retries from it;
// - records whose retries ran out are discarded (to onFailure) and the shard moves on.
import { type InvocationTarget, invokeHandler } from './invocation.ts';
import type { DynamoDBStreamRecord } from './types.ts';

export interface BatchRunnerOptions extends InvocationTarget {
  /** -1 retries forever. */
  readonly maximumRetryAttempts: number;
  readonly bisectBatchOnFunctionError: boolean;
  isStopped(): boolean;
  /** Waits before retry number `attempts`; false when the pollers were closed meanwhile. */
  waitBeforeRetry(attempts: number): Promise<boolean>;
  onAttemptFailed(error: string, attempts: number): void;
  discard(records: DynamoDBStreamRecord[], error: string, attempts: number): Promise<void>;
}

/**
 * Returns how many records from the head of the batch are settled (handled or discarded): all of
 * them, unless the pollers were closed first.
 */
export async function runBatch(batch: DynamoDBStreamRecord[], options: BatchRunnerOptions): Promise<number> {
  const queue: DynamoDBStreamRecord[][] = [batch];
  let settled = 0;
  // Attempts count invocations that failed with the same record first, so a checkpoint that moves
  // forward starts a new count.
  let attemptKey: string | undefined;
  let attempts = 0;

  while (queue.length > 0 && !options.isStopped()) {
    const current = queue[0] as DynamoDBStreamRecord[];
    const outcome = await invokeHandler(options, current);
    if (outcome.kind === 'success') {
      queue.shift();
      settled += current.length;
      continue;
    }

    let failing = current;
    if (outcome.kind === 'partial') {
      failing = current.slice(outcome.firstFailedIndex);
      settled += outcome.firstFailedIndex;
      queue[0] = failing;
    } else if (options.bisectBatchOnFunctionError && current.length > 1) {
      const middle = Math.ceil(current.length / 2);
      queue.splice(0, 1, current.slice(0, middle), current.slice(middle));
      continue;
    }

    const key = (failing[0] as DynamoDBStreamRecord).dynamodb.SequenceNumber;
    attempts = key === attemptKey ? attempts + 1 : 1;
    attemptKey = key;
    if (options.maximumRetryAttempts !== -1 && attempts > options.maximumRetryAttempts) {
      await options.discard(failing, outcome.error, attempts);
      queue.shift();
      settled += failing.length;
      attemptKey = undefined;
      continue;
    }
    options.onAttemptFailed(outcome.error, attempts);
    if (!(await options.waitBeforeRetry(attempts))) break;
  }
  return settled;
}

export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempts - 1, 20));
}
