// One shard's loop: read records in order, gather a batch (batch size, batching window, payload
// limit), run it to the end, and only then take the next one, as Lambda does with one batch per
// shard at a time. It keeps what drain() compares: the last sequence number GetRecords returned,
// the last one handled, and when an empty read last began.
import { retryDelayMs, runBatch } from './batchRunner.ts';
import type { ResolvedMapping } from './config.ts';
import { LAMBDA_LIMITS, POLLER_DEFAULTS } from './constants.ts';
import { describeError } from './errors.ts';
import { toBatchFailure } from './failures.ts';
import { payloadBytesOf, toLambdaRecord } from './records.ts';
import { ShardReader, type StartingPosition } from './shardReader.ts';
import type { Sleeper } from './sleeper.ts';
import type { StreamsApi } from './streamsApi.ts';
import type { DynamoDBStreamRecord, StreamBatchFailure } from './types.ts';

export interface ShardWorkerContext {
  readonly api: StreamsApi;
  readonly streamArn: string;
  readonly region: string;
  readonly mapping: ResolvedMapping;
  readonly sleeper: Sleeper;
  readonly pollIntervalMs: number;
  discard(failure: StreamBatchFailure): Promise<void>;
  onFinished(worker: ShardWorker): void;
}

type Status = 'waiting' | 'running' | 'finished' | 'crashed';

interface Buffered {
  readonly record: DynamoDBStreamRecord;
  readonly bytes: number;
}

export class ShardWorker {
  readonly #reader: ShardReader;
  #status: Status = 'waiting';
  #buffer: Buffered[] = [];
  #bufferedSince = 0;
  #lastRead: string | undefined;
  #lastSettled: string | undefined;
  #caughtUpAt = -Infinity;
  #retry: { error: string; attempts: number } | undefined;
  #lastError: string | undefined;
  #loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: ShardWorkerContext,
    readonly shardId: string,
    readonly parentShardId: string | undefined,
    startingPosition: StartingPosition,
  ) {
    this.#reader = new ShardReader(ctx.api, ctx.streamArn, shardId, startingPosition);
  }

  get isWaiting(): boolean {
    return this.#status === 'waiting';
  }

  get isFinished(): boolean {
    return this.#status === 'finished';
  }

  open(): Promise<void> {
    return this.#reader.open();
  }

  /** For a shard closed before a LATEST mapping started: none of its records come after the start. */
  skip(): void {
    this.#status = 'finished';
  }

  start(): void {
    if (this.#status !== 'waiting') return;
    this.#status = 'running';
    this.#loop = this.#run().catch((error: unknown) => {
      this.#status = 'crashed';
      this.#lastError = describeError(error);
      console.error(`[streams] ${this.#label()}: stopped: ${this.#lastError}`);
    });
  }

  /** Resolves when the loop has ended (after close(), or once the shard is finished). */
  stopped(): Promise<void> {
    return this.#loop;
  }

  isDrainedSince(since: number): boolean {
    if (this.#status === 'finished') return true;
    return this.#status === 'running' && this.#lastRead === this.#lastSettled && this.#caughtUpAt >= since;
  }

  describePending(since: number): string | undefined {
    if (this.isDrainedSince(since)) return undefined;
    if (this.#status === 'waiting') return `${this.#label()}: waiting for its parent shard ${this.parentShardId} to finish`;
    if (this.#status === 'crashed') return `${this.#label()}: stopped after an internal error: ${this.#lastError}`;
    const parts: string[] = [];
    if (this.#lastRead !== this.#lastSettled) {
      parts.push(
        `${this.#buffer.length} record(s) read but not handled (read up to ${this.#lastRead}, handled up to ${this.#lastSettled ?? 'none'})`,
      );
    }
    if (this.#retry) parts.push(`the handler failed ${this.#retry.attempts} time(s), last with ${this.#retry.error}`);
    if (this.#lastError) parts.push(`reading fails with ${this.#lastError}`);
    if (this.#caughtUpAt < since) parts.push('no empty read since drain() began');
    return `${this.#label()}: ${parts.join('; ')}`;
  }

  async #run(): Promise<void> {
    const { sleeper, pollIntervalMs } = this.ctx;
    let emptyReads = 0;
    while (!sleeper.closed) {
      if (this.#buffer.length > 0 && this.#isBatchDue()) {
        await this.#process();
        continue;
      }
      if (this.#reader.ended) {
        this.#status = 'finished';
        this.ctx.onFinished(this);
        return;
      }
      const sentAt = performance.now();
      const count = await this.#read();
      if (count === undefined) continue;
      if (count > 0) {
        emptyReads = 0;
        continue;
      }
      this.#caughtUpAt = sentAt;
      if (this.#reader.ended) continue;
      emptyReads += 1;
      const idleMs = Math.min(
        pollIntervalMs * 2 ** Math.min(emptyReads - 1, 10),
        Math.max(pollIntervalMs, POLLER_DEFAULTS.idlePollMaxMs),
      );
      await sleeper.sleep(this.#buffer.length > 0 ? Math.min(this.#windowLeftMs(), pollIntervalMs) : idleMs, true);
    }
  }

  /** Reads up to what the batch still lacks; undefined when the read failed (it has waited). */
  async #read(): Promise<number | undefined> {
    const limit = Math.min(LAMBDA_LIMITS.getRecordsLimit, this.ctx.mapping.batchSize - this.#buffer.length);
    let apiRecords;
    try {
      apiRecords = await this.#reader.read(Math.max(1, limit));
    } catch (error) {
      const message = describeError(error);
      if (message !== this.#lastError) console.warn(`[streams] ${this.#label()}: reading failed, will retry: ${message}`);
      this.#lastError = message;
      await this.ctx.sleeper.sleep(POLLER_DEFAULTS.idlePollMaxMs, true);
      return undefined;
    }
    this.#lastError = undefined;
    // Not caught above: a record we cannot convert must stop the shard rather than be skipped.
    const records = apiRecords.map((record) => toLambdaRecord(record, this.ctx));
    if (records.length === 0) return 0;
    if (this.#buffer.length === 0) this.#bufferedSince = performance.now();
    for (const record of records) this.#buffer.push({ record, bytes: payloadBytesOf(record) });
    this.#lastRead = records.at(-1)?.dynamodb.SequenceNumber;
    return records.length;
  }

  #isBatchDue(): boolean {
    if (this.#buffer.length >= this.ctx.mapping.batchSize || this.#reader.ended || this.#windowLeftMs() <= 0) return true;
    return this.#buffer.reduce((total, entry) => total + entry.bytes, 0) >= LAMBDA_LIMITS.invocationPayloadBytes;
  }

  #windowLeftMs(): number {
    return this.#bufferedSince + this.ctx.mapping.maximumBatchingWindowMs - performance.now();
  }

  #takeBatch(): DynamoDBStreamRecord[] {
    const batch: DynamoDBStreamRecord[] = [];
    let bytes = 0;
    for (const entry of this.#buffer) {
      if (batch.length === this.ctx.mapping.batchSize) break;
      if (batch.length > 0 && bytes + entry.bytes > LAMBDA_LIMITS.invocationPayloadBytes) break;
      batch.push(entry.record);
      bytes += entry.bytes;
    }
    return batch;
  }

  async #process(): Promise<void> {
    const { mapping, sleeper } = this.ctx;
    const batch = this.#takeBatch();
    const settled = await runBatch(batch, {
      handler: mapping.handler,
      functionName: mapping.functionName,
      reportBatchItemFailures: mapping.reportBatchItemFailures,
      maximumRetryAttempts: mapping.maximumRetryAttempts,
      bisectBatchOnFunctionError: mapping.bisectBatchOnFunctionError,
      isStopped: () => sleeper.closed,
      waitBeforeRetry: async (attempts) => {
        await sleeper.sleep(retryDelayMs(attempts, POLLER_DEFAULTS.retryBaseDelayMs, POLLER_DEFAULTS.retryMaxDelayMs));
        return !sleeper.closed;
      },
      onAttemptFailed: (error, attempts) => {
        this.#retry = { error, attempts };
      },
      discard: (records, error, attempts) =>
        this.ctx.discard(
          toBatchFailure({ ...mapping, streamArn: this.ctx.streamArn, shardId: this.shardId }, records, error, attempts),
        ),
    });
    this.#retry = undefined;
    if (settled === 0) return;
    this.#lastSettled = batch[settled - 1]?.dynamodb.SequenceNumber;
    this.#buffer.splice(0, settled);
  }

  #label(): string {
    return `${this.ctx.mapping.tableName} → ${this.ctx.mapping.functionName}, shard ${this.shardId}`;
  }
}
