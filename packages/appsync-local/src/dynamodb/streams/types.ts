// The event a Lambda function receives from a DynamoDB event source mapping, and the mapping's
// settings. The record shape is Lambda's: DynamoDB JSON images (binary as base64), epoch seconds.

/** One attribute in DynamoDB JSON, as it appears in a Lambda event. */
export interface AttributeValue {
  S?: string;
  N?: string;
  B?: string;
  SS?: string[];
  NS?: string[];
  BS?: string[];
  M?: Record<string, AttributeValue>;
  L?: AttributeValue[];
  NULL?: boolean;
  BOOL?: boolean;
}

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

export interface DynamoDBStreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    /** Epoch seconds. */
    ApproximateCreationDateTime: number;
    Keys: Record<string, AttributeValue>;
    NewImage?: Record<string, AttributeValue>;
    OldImage?: Record<string, AttributeValue>;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: StreamViewType;
  };
  eventSourceARN: string;
  /** Only on deletions made by Time to Live. */
  userIdentity?: { type: string; principalId: string };
}

export interface DynamoDBStreamEvent {
  Records: DynamoDBStreamRecord[];
}

export interface StreamHandlerContext {
  functionName: string;
  awsRequestId: string;
}

export interface BatchItemFailuresResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: StreamHandlerContext,
) => Promise<void | BatchItemFailuresResponse>;

/** Where Lambda's on-failure destination record says which records were discarded. */
export interface DDBStreamBatchInfo {
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
  approximateArrivalOfFirstRecord: string;
  approximateArrivalOfLastRecord: string;
  batchSize: number;
  streamArn: string;
}

/** Records the mapping gave up on after its retries, with what AWS sends an on-failure destination. */
export interface StreamBatchFailure {
  records: DynamoDBStreamRecord[];
  error: string;
  /** How many times the handler was invoked with these records at the head of the batch. */
  attempts: number;
  functionName: string;
  tableName: string;
  condition: 'RetryAttemptsExhausted';
  timestamp: string;
  DDBStreamBatchInfo: DDBStreamBatchInfo;
  /** Set when `onFailure` itself threw: the failure is still kept here. */
  destinationError?: string;
}

export interface EventSourceMapping {
  tableName: string;
  functionName: string;
  handler: StreamHandler;
  /** 1 to 10,000; default 100. */
  batchSize?: number;
  /** 0 (the default) to 300,000: how long to gather records before invoking. */
  maximumBatchingWindowMs?: number;
  /** -1 (infinite, as on AWS) to 10,000; default 10 locally, so a poison record cannot block a shard for a day. */
  maximumRetryAttempts?: number;
  bisectBatchOnFunctionError?: boolean;
  reportBatchItemFailures?: boolean;
  /** Default TRIM_HORIZON. */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  onFailure?: (failure: StreamBatchFailure) => void | Promise<void>;
}

export interface StreamPollersOptions {
  endpoint: string;
  region: string;
  mappings: EventSourceMapping[];
  /** The wait after an empty read; it doubles while the shard stays empty, up to a second. Default 250 (Lambda polls 4 times a second). */
  pollIntervalMs?: number;
}

export interface StreamPollers {
  /** Stops polling, waits for the handler invocations in flight, and releases every timer and socket. */
  close(): Promise<void>;
  /** Resolves once every record written so far has been handled (or sent to onFailure). */
  drain(timeoutMs?: number): Promise<void>;
  /** The on-failure list: the last MAX_KEPT_FAILURES batches given up on, oldest first, whether or not a mapping has `onFailure`. */
  failures(): readonly StreamBatchFailure[];
}
