// util.dynamodb: converts plain values to DynamoDB attribute values ({ S }, { N }, { M } ...).
// Numbers stay JSON numbers ({ "N": 12345 }), which is what AWS documents and what AppSync's
// EvaluateCode returns; AppSync's DynamoDB data source accepts numeric or string N alike.
import { listDefinedEntries, describeValue, isPlainObject, type PlainObject } from './values.ts';

export type AttributeValue = PlainObject;

/** Converts any JSON-like value: lists become L and objects M (never sets). */
export function toDynamoDB(value: unknown): AttributeValue {
  if (value === null || value === undefined) {
    return { NULL: null };
  }
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
      return { N: requireFiniteNumber(value) };
    case 'boolean':
      return { BOOL: value };
    default:
      break;
  }
  if (Array.isArray(value)) {
    return { L: value.map((item) => toDynamoDB(item)) };
  }
  if (isPlainObject(value)) {
    return { M: convertMapValues(value) };
  }
  throw new TypeError(`util.dynamodb.toDynamoDB cannot convert ${describeValue(value)}`);
}

export function toString(value: unknown): AttributeValue | null {
  return isAbsent(value) ? null : { S: String(value) };
}

export function toStringSet(list: unknown): AttributeValue | null {
  return isAbsent(list) ? null : { SS: requireList(list, 'toStringSet').map((item) => String(item)) };
}

export function toNumber(value: unknown): AttributeValue | null {
  return isAbsent(value) ? null : { N: parseNumberArgument(value, 'toNumber') };
}

export function toNumberSet(numbers: unknown): AttributeValue | null {
  return isAbsent(numbers)
    ? null
    : { NS: requireList(numbers, 'toNumberSet').map((item) => parseNumberArgument(item, 'toNumberSet')) };
}

/** Binary data is passed as the Base64 text the caller supplies. */
export function toBinary(value: unknown): AttributeValue | null {
  return isAbsent(value) ? null : { B: String(value) };
}

export function toBinarySet(values: unknown): AttributeValue | null {
  return isAbsent(values) ? null : { BS: requireList(values, 'toBinarySet').map((item) => String(item)) };
}

export function toBoolean(value: unknown): AttributeValue | null {
  if (isAbsent(value)) {
    return null;
  }
  if (typeof value !== 'boolean') {
    throw new TypeError(`util.dynamodb.toBoolean expects a boolean, got ${describeValue(value)}`);
  }
  return { BOOL: value };
}

export function toNull(): AttributeValue {
  return { NULL: null };
}

/** { L: [...] } for a list; null for anything else. */
export function toList(value: unknown): AttributeValue | null {
  return Array.isArray(value) ? toDynamoDB(value) : null;
}

/** { M: {...} } for a map; null for anything else. */
export function toMap(value: unknown): AttributeValue | null {
  return isPlainObject(value) ? { M: convertMapValues(value) } : null;
}

/** The converted entries of a map, without the { M } wrapper: toMap(obj).M. */
export function toMapValues(value: unknown): Record<string, AttributeValue> | null {
  return isPlainObject(value) ? convertMapValues(value) : null;
}

/** The S3 object reference AppSync stores as a string: {"s3":{"key","bucket","region"[,"version"]}}. */
export function toS3Object(key: unknown, bucket: unknown, region: unknown, version?: unknown): AttributeValue {
  const s3: PlainObject = { key, bucket, region };
  if (version !== undefined && version !== null) {
    s3.version = version;
  }
  return { S: JSON.stringify({ s3 }) };
}

/** The { key, bucket, region[, version] } of a stored S3 object reference. */
export function fromS3ObjectJson(value: unknown): PlainObject {
  const text = isPlainObject(value) && typeof value.S === 'string' ? value.S : value;
  if (typeof text !== 'string') {
    throw new TypeError(`util.dynamodb.fromS3ObjectJson expects a string, got ${describeValue(value)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('util.dynamodb.fromS3ObjectJson: the value is not an S3 object JSON string');
  }
  const s3 = isPlainObject(parsed) ? parsed.s3 : undefined;
  if (!isPlainObject(s3)) {
    throw new Error('util.dynamodb.fromS3ObjectJson: the value has no "s3" object');
  }
  return { ...s3 };
}

function convertMapValues(value: PlainObject): Record<string, AttributeValue> {
  const converted: Record<string, AttributeValue> = {};
  for (const [key, entry] of listDefinedEntries(value)) {
    converted[key] = toDynamoDB(entry);
  }
  return converted;
}

function isAbsent(value: unknown): boolean {
  return value === null || value === undefined;
}

function requireList(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new TypeError(`util.dynamodb.${name} expects a list, got ${describeValue(value)}`);
  }
  return value;
}

function parseNumberArgument(value: unknown, name: string): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new TypeError(`util.dynamodb.${name} expects a number, got ${describeValue(value)}`);
  }
  return number;
}

function requireFiniteNumber(value: number): number {
  if (!Number.isFinite(value)) {
    throw new TypeError(`util.dynamodb.toDynamoDB cannot convert the number ${value}`);
  }
  return value;
}
