// The few Lambda event and result shapes the services use. @types/aws-lambda is not a dependency,
// and deployed code does not import local/, so they are declared here with AWS's field names.

/** A REST API's Lambda proxy integration event (payload format 1.0), the fields we read. */
export interface APIGatewayProxyEvent {
  resource: string;
  /** The path after the stage, still percent-encoded. */
  path: string;
  httpMethod: string;
  headers: Record<string, string> | null;
  queryStringParameters: Record<string, string> | null;
  /** Values are not percent-decoded. */
  pathParameters: Record<string, string> | null;
  body: string | null;
  isBase64Encoded: boolean;
  requestContext: { requestId: string; stage: string };
}

export interface APIGatewayProxyResult {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}

/** The Lambda context a function is invoked with, the fields the services read. */
export interface LambdaContext {
  readonly functionName: string;
  readonly awsRequestId: string;
  /** Until the function's timeout. */
  getRemainingTimeInMillis(): number;
}

/** One attribute in DynamoDB JSON as a Lambda stream event carries it (binary as base64). */
export interface StreamAttributeValue {
  S?: string;
  N?: string;
  B?: string;
  SS?: string[];
  NS?: string[];
  BS?: string[];
  M?: Record<string, StreamAttributeValue>;
  L?: StreamAttributeValue[];
  NULL?: boolean;
  BOOL?: boolean;
}

export type StreamImage = Record<string, StreamAttributeValue>;

export interface DynamoDBStreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: string;
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    /** Epoch seconds. */
    ApproximateCreationDateTime?: number;
    Keys: StreamImage;
    NewImage?: StreamImage;
    OldImage?: StreamImage;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
  };
  eventSourceARN: string;
}

export interface DynamoDBStreamEvent {
  Records: DynamoDBStreamRecord[];
}

/** An EventBridge event as a rule delivers it to a Lambda target (no input transformer): the fields we read. */
export interface EventBridgeEvent {
  readonly id?: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly time?: string;
  /** Unknown until checked: a rule or a producer can be wrong. */
  readonly detail: unknown;
}
