// The four calls the poller makes, behind one small interface: the SDK adapter below talks to
// DynamoDB Local; tests can stand in a stream whose shards split, which DynamoDB Local never does.
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record as ApiRecord,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { LOCAL_CREDENTIALS, createLocalDynamoDbClient } from '../tables.ts';
import { StreamPollerConfigError } from './errors.ts';

export type ShardIteratorRequest =
  | { streamArn: string; shardId: string; type: 'TRIM_HORIZON' | 'LATEST' }
  | { streamArn: string; shardId: string; type: 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string };

export interface GetRecordsResult {
  records: ApiRecord[];
  /** Absent once a closed shard has been read to its end. */
  nextIterator?: string;
}

export interface StreamsApi {
  /** The table's current stream; refuses a table without one. */
  findStreamArn(tableName: string): Promise<string>;
  /** Every shard of the stream, all pages of DescribeStream. */
  describeShards(streamArn: string): Promise<Shard[]>;
  getShardIterator(request: ShardIteratorRequest): Promise<string>;
  getRecords(iterator: string, limit: number): Promise<GetRecordsResult>;
  destroy(): void;
}

const MAX_DESCRIBE_PAGES = 1000;

export function createSdkStreamsApi(endpoint: string, region: string): StreamsApi {
  const tables: DynamoDBClient = createLocalDynamoDbClient(endpoint);
  const streams = new DynamoDBStreamsClient({ endpoint, region, credentials: LOCAL_CREDENTIALS });
  return {
    async findStreamArn(tableName) {
      const { Table } = await tables.send(new DescribeTableCommand({ TableName: tableName }));
      if (!Table?.LatestStreamArn || !Table.StreamSpecification?.StreamEnabled) {
        throw new StreamPollerConfigError(`Table ${tableName} has no stream enabled: an event source mapping needs one.`);
      }
      return Table.LatestStreamArn;
    },

    async describeShards(streamArn) {
      const shards: Shard[] = [];
      let exclusiveStartShardId: string | undefined;
      for (let page = 0; page < MAX_DESCRIBE_PAGES; page++) {
        const { StreamDescription } = await streams.send(
          new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
        );
        shards.push(...(StreamDescription?.Shards ?? []));
        exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
        if (!exclusiveStartShardId) return shards;
      }
      throw new Error(`DescribeStream of ${streamArn} kept returning LastEvaluatedShardId after ${MAX_DESCRIBE_PAGES} pages`);
    },

    async getShardIterator(request) {
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: request.streamArn,
          ShardId: request.shardId,
          ShardIteratorType: request.type,
          SequenceNumber: request.type === 'AFTER_SEQUENCE_NUMBER' ? request.sequenceNumber : undefined,
        }),
      );
      if (!ShardIterator) throw new Error(`GetShardIterator returned no iterator for ${request.shardId}`);
      return ShardIterator;
    },

    async getRecords(iterator, limit) {
      const { Records, NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
      return { records: Records ?? [], ...(NextShardIterator ? { nextIterator: NextShardIterator } : {}) };
    },

    destroy() {
      tables.destroy();
      streams.destroy();
    },
  };
}
