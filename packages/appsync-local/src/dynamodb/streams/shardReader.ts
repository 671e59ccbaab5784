// Reads one shard in order with GetShardIterator and GetRecords, remembering the last sequence
// number returned so an expired iterator (15 minutes on AWS) resumes right after it.
import type { _Record as ApiRecord } from '@aws-sdk/client-dynamodb-streams';
import type { ShardIteratorRequest, StreamsApi } from './streamsApi.ts';

export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

export class ShardReader {
  #iterator: string | undefined;
  #lastSequenceNumber: string | undefined;
  #ended = false;

  constructor(
    private readonly api: StreamsApi,
    private readonly streamArn: string,
    readonly shardId: string,
    private readonly startingPosition: StartingPosition,
  ) {}

  /** True once a closed shard has been read to its end: no record will ever follow. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Takes the starting position now; for LATEST that is the moment records start to count. */
  async open(): Promise<void> {
    this.#iterator ??= await this.api.getShardIterator(this.#resumeRequest());
  }

  async read(limit: number): Promise<ApiRecord[]> {
    if (this.#ended) return [];
    await this.open();
    let result;
    try {
      result = await this.api.getRecords(this.#iterator as string, limit);
    } catch (error) {
      if (!isNamed(error, 'ExpiredIteratorException') && !isNamed(error, 'TrimmedDataAccessException')) throw error;
      // Past the retention period the records after our position are gone: carry on from the oldest left.
      const request = isNamed(error, 'TrimmedDataAccessException')
        ? { streamArn: this.streamArn, shardId: this.shardId, type: 'TRIM_HORIZON' as const }
        : this.#resumeRequest();
      this.#iterator = await this.api.getShardIterator(request);
      result = await this.api.getRecords(this.#iterator, limit);
    }
    const last = result.records.at(-1)?.dynamodb?.SequenceNumber;
    if (last) this.#lastSequenceNumber = last;
    this.#iterator = result.nextIterator;
    if (!result.nextIterator) this.#ended = true;
    return result.records;
  }

  #resumeRequest(): ShardIteratorRequest {
    const { streamArn, shardId } = this;
    return this.#lastSequenceNumber
      ? { streamArn, shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: this.#lastSequenceNumber }
      : { streamArn, shardId, type: this.startingPosition };
  }
}

function isNamed(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}
