import { startPollersOn } from './poller.ts';
import { createSdkStreamsApi } from './streamsApi.ts';
import type { StreamPollers, StreamPollersOptions } from './types.ts';

/**
 * Feeds each mapping's table stream in DynamoDB Local to its handler, as a Lambda event source
 * mapping would. Resolves once every mapping has found its stream and shards.
 */
export function startStreamPollers(options: StreamPollersOptions): Promise<StreamPollers> {
  return startPollersOn(createSdkStreamsApi(options.endpoint, options.region), options);
}

export { startPollersOn } from './poller.ts';
export type { StreamsApi, GetRecordsResult, ShardIteratorRequest } from './streamsApi.ts';
export { DrainTimeoutError, StreamPollerConfigError, StreamPollersClosedError, StreamRecordShapeError } from './errors.ts';
export type {
  AttributeValue,
  BatchItemFailuresResponse,
  DDBStreamBatchInfo,
  DynamoDBStreamEvent,
  DynamoDBStreamRecord,
  EventSourceMapping,
  StreamBatchFailure,
  StreamHandler,
  StreamHandlerContext,
  StreamPollers,
  StreamPollersOptions,
  StreamViewType,
} from './types.ts';
