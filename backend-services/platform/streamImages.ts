// A DynamoDB stream image, as a Lambda event carries it, to the plain JSON item it describes.
// Unlike the SDK's unmarshall, sets become arrays and binary stays base64, so that the item can
// travel in an event as it is.
import type { StreamAttributeValue, StreamImage } from './lambdaTypes.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [name: string]: JsonValue };

export function itemFromImage(image: StreamImage): Record<string, JsonValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, plainValue(value)]));
}

function plainValue(value: StreamAttributeValue): JsonValue {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.B !== undefined) return value.B;
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.BS !== undefined) return [...value.BS];
  if (value.M !== undefined) return itemFromImage(value.M);
  if (value.L !== undefined) return value.L.map(plainValue);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  throw new Error(`A stream image holds an attribute of unknown type (${Object.keys(value).join(', ') || 'none'}).`);
}
