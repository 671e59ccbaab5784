// Typed values between AppSync's JSON form, the SDK's AttributeValue and ctx.result's plain JSON.
//
// Request side (AppSync "Type system (request mapping)"): a typed value is an object with exactly
// one of S, N, B, SS, NS, BS, M, L, NULL, BOOL. N and NS accept JSON numbers (what
// util.dynamodb.toDynamoDB produces) or numeric strings; B and BS are base64 strings, decoded as
// RFC 2045 does (characters outside the alphabet are ignored); NULL is `null` or `true`.
//
// Response side (AppSync "Type system (response mapping)"): S → string, N → number, B → base64
// string, SS/NS/BS → arrays, M → object, L → array, NULL → null, BOOL → boolean.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { mappingTemplateError } from './errors.ts';
import type { AttributeMap, JsonObject } from './types.ts';

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toAttributeMap(value: unknown, path: string): AttributeMap {
  if (!isJsonObject(value)) throw mappingTemplateError(`Expected a JSON object of typed values for field '${path}'.`);
  const map: AttributeMap = {};
  for (const [name, typed] of Object.entries(value)) {
    if (typed === undefined) continue;
    map[name] = toAttributeValue(typed, `${path}[${name}]`);
  }
  return map;
}

export function toAttributeValue(value: unknown, path: string): AttributeValue {
  if (!isJsonObject(value)) throw invalidTypedValue(path);
  const tags = Object.keys(value).filter((tag) => value[tag] !== undefined);
  const tag = tags[0];
  if (tags.length !== 1 || tag === undefined) throw invalidTypedValue(path);
  const inner = value[tag];
  switch (tag) {
    case 'S':
      if (typeof inner === 'string') return { S: inner };
      break;
    case 'N': {
      const number = toNumberText(inner);
      if (number !== undefined) return { N: number };
      break;
    }
    case 'B':
      if (typeof inner === 'string') return { B: decodeBase64(inner) };
      break;
    case 'SS':
      if (Array.isArray(inner) && inner.every((item) => typeof item === 'string')) return { SS: [...inner] };
      break;
    case 'NS': {
      const numbers = Array.isArray(inner) ? inner.map(toNumberText) : undefined;
      if (numbers?.every((item) => item !== undefined)) return { NS: numbers as string[] };
      break;
    }
    case 'BS':
      if (Array.isArray(inner) && inner.every((item) => typeof item === 'string')) return { BS: inner.map(decodeBase64) };
      break;
    case 'M':
      if (isJsonObject(inner)) return { M: toAttributeMap(inner, `${path}[M]`) };
      break;
    case 'L':
      if (Array.isArray(inner)) return { L: inner.map((item, index) => toAttributeValue(item, `${path}[L][${index}]`)) };
      break;
    case 'NULL':
      // DynamoDB itself rejects NULL: false, with its own message.
      if (inner === null || typeof inner === 'boolean') return { NULL: inner ?? true };
      break;
    case 'BOOL':
      if (typeof inner === 'boolean') return { BOOL: inner };
      break;
    default:
      throw invalidTypedValue(path);
  }
  throw mappingTemplateError(`Invalid value for DynamoDB type '${tag}' in field '${path}'.`);
}

function invalidTypedValue(path: string): Error {
  return mappingTemplateError(
    `Invalid DynamoDB typed value for field '${path}': expected an object with exactly one of S, N, B, SS, NS, BS, M, L, NULL, BOOL.`,
  );
}

function toNumberText(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return value.trim();
  return undefined;
}

function decodeBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** DynamoDB's typed item as the plain JSON AppSync puts in ctx.result. */
export function fromAttributeMap(map: AttributeMap): JsonObject {
  const item: JsonObject = {};
  for (const [name, value] of Object.entries(map)) item[name] = fromAttributeValue(value);
  return item;
}

export function fromAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.B !== undefined) return encodeBase64(value.B);
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.BS !== undefined) return value.BS.map(encodeBase64);
  if (value.M !== undefined) return fromAttributeMap(value.M);
  if (value.L !== undefined) return value.L.map(fromAttributeValue);
  if (value.NULL !== undefined) return null;
  if (value.BOOL !== undefined) return value.BOOL;
  return null;
}

/** The SDK's AttributeValue back in AppSync's typed JSON form (binary as base64). */
export function toTypedJson(value: AttributeValue): unknown {
  if (value.B !== undefined) return { B: encodeBase64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(encodeBase64) };
  if (value.M !== undefined) return { M: toTypedJsonMap(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toTypedJson) };
  return value;
}

export function toTypedJsonMap(map: AttributeMap): JsonObject {
  const typed: JsonObject = {};
  for (const [name, value] of Object.entries(map)) typed[name] = toTypedJson(value);
  return typed;
}
