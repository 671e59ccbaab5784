// One event source mapping: finds the table's stream, lists its shards (again every second, and
// whenever a shard ends, since new shards appear over time) and starts a worker per shard once its
// parent shard is finished, so an item's changes are handled in order across a shard split.
import type { ResolvedMapping } from './config.ts';
import { POLLER_DEFAULTS } from './constants.ts';
import { describeError } from './errors.ts';
import { ShardWorker, type ShardWorkerContext } from './shardWorker.ts';
import type { Sleeper } from './sleeper.ts';
import type { StreamsApi } from './streamsApi.ts';
import type { StreamBatchFailure } from './types.ts';

export interface MappingPollerContext {
  readonly api: StreamsApi;
  readonly region: string;
  readonly sleeper: Sleeper;
  readonly pollIntervalMs: number;
  discard(mapping: ResolvedMapping, failure: StreamBatchFailure): Promise<void>;
}

export class MappingPoller {
  readonly #workers = new Map<string, ShardWorker>();
  readonly #workerContext: ShardWorkerContext;
  #discoveredAt = -Infinity;
  #lastError: string | undefined;
  #loop: Promise<void> = Promise.resolve();

  private constructor(
    private readonly ctx: MappingPollerContext,
    readonly mapping: ResolvedMapping,
    readonly streamArn: string,
  ) {
    this.#workerContext = {
      ...ctx,
      streamArn,
      mapping,
      discard: (failure) => ctx.discard(mapping, failure),
      onFinished: () => {
        this.#startReadyShards();
        ctx.sleeper.kick();
      },
    };
  }

  /** Resolves once the shards are known and, for LATEST, their starting positions taken. */
  static async start(mapping: ResolvedMapping, ctx: MappingPollerContext): Promise<MappingPoller> {
    const streamArn = await ctx.api.findStreamArn(mapping.tableName);
    const poller = new MappingPoller(ctx, mapping, streamArn);
    await poller.#discover(true);
    poller.#loop = poller.#run();
    return poller;
  }

  isDrainedSince(since: number): boolean {
    return this.#discoveredAt >= since && [...this.#workers.values()].every((worker) => worker.isDrainedSince(since));
  }

  describePending(since: number): string[] {
    const pending: string[] = [];
    if (this.#discoveredAt < since) {
      const reason = this.#lastError ? `DescribeStream fails with ${this.#lastError}` : 'not listed since drain() began';
      pending.push(`${this.mapping.tableName} → ${this.mapping.functionName}: shards ${reason}`);
    }
    for (const worker of this.#workers.values()) {
      const line = worker.describePending(since);
      if (line) pending.push(line);
    }
    return pending;
  }

  /** Resolves when the discovery loop and every shard loop have ended; call after closing the Sleeper. */
  async stopped(): Promise<void> {
    await this.#loop;
    await Promise.all([...this.#workers.values()].map((worker) => worker.stopped()));
  }

  async #run(): Promise<void> {
    const { sleeper } = this.ctx;
    while (!sleeper.closed) {
      await sleeper.sleep(POLLER_DEFAULTS.discoveryIntervalMs, true);
      if (sleeper.closed) return;
      try {
        await this.#discover(false);
        this.#lastError = undefined;
      } catch (error) {
        const message = describeError(error);
        if (message !== this.#lastError)
          console.warn(`[streams] ${this.mapping.tableName}: listing shards failed, will retry: ${message}`);
        this.#lastError = message;
      }
    }
  }

  async #discover(initial: boolean): Promise<void> {
    const startedAt = performance.now();
    const shards = await this.ctx.api.describeShards(this.streamArn);
    const opening: Promise<void>[] = [];
    for (const shard of shards) {
      if (!shard.ShardId || this.#workers.has(shard.ShardId)) continue;
      // LATEST is where the mapping starts; shards that appear later are read from their start.
      const atLatest = initial && this.mapping.startingPosition === 'LATEST';
      const worker = new ShardWorker(
        this.#workerContext,
        shard.ShardId,
        shard.ParentShardId,
        atLatest ? 'LATEST' : 'TRIM_HORIZON',
      );
      this.#workers.set(shard.ShardId, worker);
      if (atLatest && shard.SequenceNumberRange?.EndingSequenceNumber) worker.skip();
      else if (atLatest) opening.push(worker.open());
    }
    await Promise.all(opening);
    this.#discoveredAt = startedAt;
    this.#startReadyShards();
  }

  #startReadyShards(): void {
    if (this.ctx.sleeper.closed) return;
    for (const worker of this.#workers.values()) {
      if (!worker.isWaiting) continue;
      // A parent we never saw has left the stream (past retention): nothing of it is left to wait for.
      const parent = worker.parentShardId ? this.#workers.get(worker.parentShardId) : undefined;
      if (!parent || parent.isFinished) worker.start();
    }
  }
}
