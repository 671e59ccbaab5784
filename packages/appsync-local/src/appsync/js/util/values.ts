// Small value helpers shared by the util implementations. Values reach these functions from
// sandboxed resolver code, possibly created in another realm, so nothing here relies on
// `instanceof` or on prototype identity.

export type PlainObject = Record<string, unknown>;

/** True for `{...}` objects, including ones built in another realm; false for arrays and null. */
export function isPlainObject(value: unknown): value is PlainObject {
  return Object.prototype.toString.call(value) === '[object Object]';
}

/** The entries of an object whose value is not `undefined`, as JSON would see them. */
export function listDefinedEntries(value: PlainObject): [string, unknown][] {
  return Object.entries(value).filter(([, entry]) => entry !== undefined);
}

/** Copies the listed fields of `source` whose value is neither undefined nor null. */
export function pickPresent(source: PlainObject, fields: readonly string[]): PlainObject {
  const picked: PlainObject = {};
  for (const field of fields) {
    const value = source[field];
    if (value !== undefined && value !== null) {
      picked[field] = value;
    }
  }
  return picked;
}

/** A readable rendering of a value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (isPlainObject(value)) {
    return 'a map';
  }
  return String(value);
}

/** Narrows an argument that must be a string, naming the function in the error. */
export function requireString(value: unknown, where: string): string {
  if (typeof value !== 'string') {
    throw new TypeError(`${where} expects a string, got ${describeValue(value)}`);
  }
  return value;
}

/** Narrows an argument that must be a finite number, naming the function in the error. */
export function requireNumber(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${where} expects a number, got ${describeValue(value)}`);
  }
  return value;
}
