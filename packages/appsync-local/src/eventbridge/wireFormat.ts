// The PutEvents request as the AWS JSON 1.1 protocol carries it, read into the SDK's entry shape.
// Timestamps travel as epoch seconds. A body that does not fit the shape is a SerializationException.
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { ERROR_CODES, EventBridgeError } from './errors.ts';
import { isPlainObject, tryParseJson } from './json.ts';

const STRING_FIELDS = ['Source', 'DetailType', 'Detail', 'EventBusName', 'TraceHeader'] as const;

export function parsePutEventsBody(body: string): PutEventsRequestEntry[] | undefined {
  const parsed = tryParseJson(body === '' ? '{}' : body);
  if (!parsed) throw serialization('The request body is not valid JSON.');
  if (!isPlainObject(parsed.value)) throw serialization('Start of structure or map found where not expected.');
  const entries = parsed.value['Entries'];
  if (entries === undefined || entries === null) return undefined;
  if (!Array.isArray(entries)) throw serialization('Entries must be a list.');
  return entries.map((entry, index) => readEntry(entry, index));
}

function readEntry(entry: unknown, index: number): PutEventsRequestEntry {
  if (!isPlainObject(entry)) throw serialization(`Entries[${index}] must be a structure.`);
  const result: PutEventsRequestEntry = {};
  for (const field of STRING_FIELDS) {
    const value = entry[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw serialization(`Entries[${index}].${field} must be a string.`);
    result[field] = value;
  }
  const resources = entry['Resources'];
  if (resources !== undefined && resources !== null) {
    if (!Array.isArray(resources) || !resources.every((item) => typeof item === 'string')) {
      throw serialization(`Entries[${index}].Resources must be a list of strings.`);
    }
    result.Resources = resources as string[];
  }
  const time = entry['Time'];
  if (time !== undefined && time !== null) result.Time = readTimestamp(time, index);
  return result;
}

function readTimestamp(value: unknown, index: number): Date {
  const date = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw serialization(`Entries[${index}].Time must be a timestamp.`);
  return date;
}

function serialization(message: string): EventBridgeError {
  return new EventBridgeError(ERROR_CODES.serialization, message);
}
