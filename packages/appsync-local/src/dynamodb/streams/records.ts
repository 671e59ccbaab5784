// Turns a record from the DynamoDB Streams API (as the SDK parses it) into the record Lambda puts in
// its event: the same fields, but images in DynamoDB JSON as on the wire (binary as base64), the
// creation time in epoch seconds, and the stream ARN and region of the mapping.
import type { _Record as ApiRecord, AttributeValue as ApiAttributeValue } from '@aws-sdk/client-dynamodb-streams';
import { StreamRecordShapeError } from './errors.ts';
import type { AttributeValue, DynamoDBStreamRecord, StreamViewType } from './types.ts';

export interface RecordSource {
  readonly streamArn: string;
  readonly region: string;
}

export function toLambdaRecord(record: ApiRecord, source: RecordSource): DynamoDBStreamRecord {
  const data = record.dynamodb;
  const sequenceNumber = data?.SequenceNumber;
  const where = `stream record ${sequenceNumber ?? record.eventID ?? '(no sequence number)'}`;
  if (!data || !sequenceNumber) throw new StreamRecordShapeError(`${where} has no dynamodb.SequenceNumber`);
  return {
    eventID: required(record.eventID, 'eventID', where),
    eventName: required(record.eventName, 'eventName', where),
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: source.region,
    dynamodb: {
      ApproximateCreationDateTime:
        required(data.ApproximateCreationDateTime, 'ApproximateCreationDateTime', where).getTime() / 1000,
      Keys: toImage(required(data.Keys, 'Keys', where)),
      ...(data.NewImage ? { NewImage: toImage(data.NewImage) } : {}),
      ...(data.OldImage ? { OldImage: toImage(data.OldImage) } : {}),
      SequenceNumber: sequenceNumber,
      SizeBytes: required(data.SizeBytes, 'SizeBytes', where),
      StreamViewType: required(data.StreamViewType, 'StreamViewType', where) satisfies StreamViewType,
    },
    eventSourceARN: source.streamArn,
    ...(record.userIdentity?.Type && record.userIdentity.PrincipalId
      ? { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } }
      : {}),
  };
}

function toImage(image: Record<string, ApiAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toAttributeValue(value)]));
}

function toAttributeValue(value: ApiAttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: toBase64(value.B) };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map(toBase64) };
  if (value.M !== undefined) return { M: toImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toAttributeValue) };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  throw new StreamRecordShapeError(`unknown attribute value type: ${JSON.stringify(value)}`);
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function required<T>(value: T | undefined, field: string, where: string): T {
  if (value === undefined) throw new StreamRecordShapeError(`${where} has no ${field}`);
  return value;
}

export function sequenceNumberOf(record: DynamoDBStreamRecord): string {
  return record.dynamodb.SequenceNumber;
}

/** Lambda's payload limit counts the event as JSON. */
export function payloadBytesOf(record: DynamoDBStreamRecord): number {
  return Buffer.byteLength(JSON.stringify(record)) + 1;
}
