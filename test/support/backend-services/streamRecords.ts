// Lambda-shaped DynamoDB stream events of a table, built from plain items.
import type {
  DynamoDBStreamEvent,
  DynamoDBStreamRecord,
  StreamAttributeValue,
  StreamImage,
} from '../../../backend-services/platform/lambdaTypes.ts';

/** 2026-01-01T00:00:00Z, in epoch seconds as the stream gives it. */
export const CHANGED_AT_SECONDS = 1_767_225_600;

let sequence = 0;

export function streamEvent(...records: DynamoDBStreamRecord[]): DynamoDBStreamEvent {
  return { Records: records };
}

export interface StreamRecordBuilders<Item extends object> {
  inserted(item: Item): DynamoDBStreamRecord;
  modified(old: Item, current: Item): DynamoDBStreamRecord;
  removed(old: Item): DynamoDBStreamRecord;
}

/** Builders of one table's stream records (NEW_AND_OLD_IMAGES), keyed by `keyName`. */
export function streamRecordsOf<Item extends object = object>(table: string, keyName: string): StreamRecordBuilders<Item> {
  const record = (
    eventName: DynamoDBStreamRecord['eventName'],
    old: Item | undefined,
    current: Item | undefined,
  ): DynamoDBStreamRecord => {
    sequence += 1;
    const key = ((current ?? old) as Record<string, unknown>)[keyName] as string;
    return {
      eventID: `${table}-event-${sequence}`,
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: CHANGED_AT_SECONDS,
        Keys: { [keyName]: { S: key } },
        ...(old ? { OldImage: streamImage(old) } : {}),
        ...(current ? { NewImage: streamImage(current) } : {}),
        SequenceNumber: String(sequence).padStart(21, '0'),
        SizeBytes: 512,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: `arn:aws:dynamodb:us-east-1:000000000000:table/${table}/stream/2026-01-01T00:00:00.000`,
    };
  };
  return {
    inserted: (item) => record('INSERT', undefined, item),
    modified: (old, current) => record('MODIFY', old, current),
    removed: (old) => record('REMOVE', old, undefined),
  };
}

/** The products table's records. */
export const { inserted, modified, removed } = streamRecordsOf('products', 'productId');

export function streamImage(item: object): StreamImage {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, attributeValue(value)]));
}

function attributeValue(value: unknown): StreamAttributeValue {
  if (value === null || value === undefined) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(attributeValue) };
  if (typeof value === 'object') return { M: streamImage(value) };
  throw new Error(`No DynamoDB type for ${typeof value}.`);
}
