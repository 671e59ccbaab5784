// Lambda-shaped DynamoDB stream events of the products table, built from plain items.
import type { DynamoDBStreamEvent, DynamoDBStreamRecord, StreamAttributeValue, StreamImage } from '../../../backend-services/shared/lambdaTypes.ts';

/** 2026-01-01T00:00:00Z, in epoch seconds as the stream gives it. */
export const CHANGED_AT_SECONDS = 1_767_225_600;

let sequence = 0;

export function streamEvent(...records: DynamoDBStreamRecord[]): DynamoDBStreamEvent {
  return { Records: records };
}

export function inserted(item: object): DynamoDBStreamRecord {
  return streamRecord('INSERT', undefined, item);
}

export function modified(old: object, current: object): DynamoDBStreamRecord {
  return streamRecord('MODIFY', old, current);
}

export function removed(old: object): DynamoDBStreamRecord {
  return streamRecord('REMOVE', old, undefined);
}

function streamRecord(eventName: DynamoDBStreamRecord['eventName'], old: object | undefined, current: object | undefined): DynamoDBStreamRecord {
  sequence += 1;
  const productId = ((current ?? old) as { productId: string }).productId;
  return {
    eventID: `event-${sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: CHANGED_AT_SECONDS,
      Keys: { productId: { S: productId } },
      ...(old ? { OldImage: streamImage(old) } : {}),
      ...(current ? { NewImage: streamImage(current) } : {}),
      SequenceNumber: String(sequence).padStart(21, '0'),
      SizeBytes: 512,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/products/stream/2026-01-01T00:00:00.000',
  };
}

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
