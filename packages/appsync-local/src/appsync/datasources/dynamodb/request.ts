// Reading a request object the way AppSync validates it: every field must be one the operation
// supports ("Unsupported element '$[field]'."), required fields must be there ("Value for field
// '$[field]' not found."). A JSON null counts as absent, as it does for AppSync.
import { isJsonObject, toAttributeMap } from './convert.ts';
import { mappingTemplateError, missingFieldError, unsupportedElementError } from './errors.ts';
import type { AttributeMap, JsonObject } from './types.ts';

/** Fields every request object may carry; `version` is the VTL-era field AppSync still accepts. */
export const COMMON_FIELDS = ['operation', 'version'] as const;

export function fieldPath(path: string, field: string | number): string {
  return `${path}[${field}]`;
}

export function assertKnownFields(object: JsonObject, path: string, allowed: readonly string[]): void {
  for (const [field, value] of Object.entries(object)) {
    if (value !== undefined && !allowed.includes(field)) throw unsupportedElementError(fieldPath(path, field));
  }
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function describeJsonType(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function wrongType(path: string, expected: string, value: unknown, hint = ''): Error {
  return mappingTemplateError(`Expected ${expected} for field '${path}', but found ${describeJsonType(value)}.${hint}`);
}

export function readRequiredObject(object: JsonObject, field: string, path: string): JsonObject {
  const value = readOptionalObject(object, field, path);
  if (value === undefined) throw missingFieldError(fieldPath(path, field));
  return value;
}

export function readOptionalObject(object: JsonObject, field: string, path: string): JsonObject | undefined {
  const value = object[field];
  if (!isPresent(value)) return undefined;
  if (!isJsonObject(value)) {
    // util.transform.toDynamoDBFilterExpression and toDynamoDBConditionExpression return JSON text.
    const isJsonText = typeof value === 'string' && value.trimStart().startsWith('{');
    const hint = isJsonText ? ' A JSON string is not parsed: JSON.parse it in the request handler.' : '';
    throw wrongType(fieldPath(path, field), 'a JSON object', value, hint);
  }
  return value;
}

export function readRequiredArray(object: JsonObject, field: string, path: string): unknown[] {
  const value = object[field];
  if (!isPresent(value)) throw missingFieldError(fieldPath(path, field));
  if (!Array.isArray(value)) throw wrongType(fieldPath(path, field), 'a JSON array', value);
  return value;
}

export function readRequiredString(object: JsonObject, field: string, path: string): string {
  const value = readOptionalString(object, field, path);
  if (value === undefined) throw missingFieldError(fieldPath(path, field));
  return value;
}

export function readOptionalString(object: JsonObject, field: string, path: string): string | undefined {
  const value = object[field];
  if (!isPresent(value)) return undefined;
  if (typeof value !== 'string') throw wrongType(fieldPath(path, field), 'a string', value);
  return value;
}

export function readOptionalBoolean(object: JsonObject, field: string, path: string): boolean | undefined {
  const value = object[field];
  if (!isPresent(value)) return undefined;
  if (typeof value !== 'boolean') throw wrongType(fieldPath(path, field), 'a boolean', value);
  return value;
}

export function readOptionalInteger(object: JsonObject, field: string, path: string): number | undefined {
  const value = object[field];
  if (!isPresent(value)) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(fieldPath(path, field), 'an integer', value);
  return value;
}

export function readStringList(object: JsonObject, field: string, path: string): string[] | undefined {
  const value = object[field];
  if (!isPresent(value)) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw wrongType(fieldPath(path, field), 'an array of strings', value);
  }
  return value;
}

export function readStringMap(object: JsonObject, field: string, path: string): Record<string, string> | undefined {
  const value = readOptionalObject(object, field, path);
  if (value === undefined) return undefined;
  const map: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    if (text === undefined) continue;
    if (typeof text !== 'string') throw wrongType(fieldPath(fieldPath(path, field), name), 'a string', text);
    map[name] = text;
  }
  return map;
}

/** A required map of typed values, such as `key`. */
export function readRequiredAttributeMap(object: JsonObject, field: string, path: string): AttributeMap {
  if (!isPresent(object[field])) throw missingFieldError(fieldPath(path, field));
  return toAttributeMap(object[field], fieldPath(path, field));
}

export function readOptionalAttributeMap(object: JsonObject, field: string, path: string): AttributeMap | undefined {
  if (!isPresent(object[field])) return undefined;
  return toAttributeMap(object[field], fieldPath(path, field));
}

/** An element of a list that must be an object, such as one of `transactItems`. */
export function expectObject(value: unknown, path: string): JsonObject {
  if (!isPresent(value)) throw missingFieldError(path);
  if (!isJsonObject(value)) throw wrongType(path, 'a JSON object', value);
  return value;
}
