// An in-memory stream for what DynamoDB Local never does: split shards (a closed parent with
// children), list them out of order, and expire iterators.
import type { _Record as ApiRecord } from '@aws-sdk/client-dynamodb-streams';
import type { GetRecordsResult, ShardIteratorRequest, StreamsApi } from '../../../../src/dynamodb/streams/index.ts';

interface FakeShard {
  readonly shardId: string;
  readonly parentShardId?: string;
  readonly records: ApiRecord[];
  closed: boolean;
}

export const FAKE_STREAM_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/fake/stream/2024-01-01T00:00:00.000';

export class FakeStream implements StreamsApi {
  readonly #shards: FakeShard[] = [];
  #sequence = 0;
  #expireNextRead = false;
  getRecordsCalls = 0;

  addShard(shardId: string, parentShardId?: string): void {
    this.#shards.push({ shardId, ...(parentShardId ? { parentShardId } : {}), records: [], closed: false });
  }

  /** Appends a change of item `pk` to the shard; sequence numbers grow across the whole stream. */
  write(shardId: string, pk: string): void {
    this.#shard(shardId).records.push({
      eventID: `event-${pk}`,
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: new Date('2024-01-01T00:00:00Z'),
        Keys: { pk: { S: pk } },
        NewImage: { pk: { S: pk } },
        SequenceNumber: String(++this.#sequence).padStart(21, '0'),
        SizeBytes: 10,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  }

  closeShard(shardId: string): void {
    this.#shard(shardId).closed = true;
  }

  expireNextRead(): void {
    this.#expireNextRead = true;
  }

  async findStreamArn(): Promise<string> {
    return FAKE_STREAM_ARN;
  }

  /** Children first: DescribeStream promises no order, so lineage must come from ParentShardId. */
  async describeShards(): Promise<Awaited<ReturnType<StreamsApi['describeShards']>>> {
    return [...this.#shards].reverse().map((shard) => ({
      ShardId: shard.shardId,
      ParentShardId: shard.parentShardId,
      SequenceNumberRange: {
        StartingSequenceNumber: shard.records[0]?.dynamodb?.SequenceNumber ?? '0',
        ...(shard.closed ? { EndingSequenceNumber: shard.records.at(-1)?.dynamodb?.SequenceNumber ?? '0' } : {}),
      },
    }));
  }

  async getShardIterator(request: ShardIteratorRequest): Promise<string> {
    const shard = this.#shard(request.shardId);
    if (request.type !== 'AFTER_SEQUENCE_NUMBER')
      return `${shard.shardId}|${request.type === 'LATEST' ? shard.records.length : 0}`;
    const index = shard.records.findIndex((record) => record.dynamodb?.SequenceNumber === request.sequenceNumber);
    return `${shard.shardId}|${index + 1}`;
  }

  async getRecords(iterator: string, limit: number): Promise<GetRecordsResult> {
    this.getRecordsCalls++;
    if (this.#expireNextRead) {
      this.#expireNextRead = false;
      throw Object.assign(new Error('Iterator expired'), { name: 'ExpiredIteratorException' });
    }
    const [shardId = '', position = '0'] = iterator.split('|');
    const shard = this.#shard(shardId);
    const start = Number(position);
    const records = shard.records.slice(start, start + limit);
    const next = start + records.length;
    const ended = shard.closed && next === shard.records.length;
    return { records, ...(ended ? {} : { nextIterator: `${shardId}|${next}` }) };
  }

  destroy(): void {}

  #shard(shardId: string): FakeShard {
    const shard = this.#shards.find((candidate) => candidate.shardId === shardId);
    if (!shard) throw Object.assign(new Error(`no shard ${shardId}`), { name: 'ResourceNotFoundException' });
    return shard;
  }
}
