// What a value becomes when it crosses JSON, as an event or a result does between Lambda and its
// caller, or a handler's value on its way out of the APPSYNC_JS sandbox:
// `JSON.parse(JSON.stringify(value) ?? 'null')`. Plain data (objects of Object.prototype or none,
// arrays, strings, finite numbers, booleans, null) is copied as it is, without the text: a long
// string, such as a proxy event's body, is handed over rather than escaped and unescaped, which
// was most of the round trip's cost. Anything else (a toJSON such as a Date's, a class instance, a
// BigInt, a cycle, an object nested deeper than any event) goes through JSON itself, which decides
// it as it always did; only a getter on the way there may then run twice. The copy is of this
// realm, whatever realm the value's objects come from.

/** Deeper than this, JSON decides (and reports a cycle as JSON.stringify does). */
const MAX_PLAIN_DEPTH = 64;

const NOT_PLAIN: unique symbol = Symbol('not plain data');

/** Another realm's (a vm context's) plain prototypes, whose objects and arrays count as plain too. */
export interface Realm {
  readonly objectPrototype: object;
  readonly arrayPrototype: object;
}

const THIS_REALM: Realm = { objectPrototype: Object.prototype, arrayPrototype: Array.prototype };

export function jsonCopy(value: unknown, realm: Realm = THIS_REALM): unknown {
  const copy = plainCopy(value, 0, realm);
  if (copy !== NOT_PLAIN) return copy === undefined ? null : copy;
  return JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
}

/** undefined: what JSON leaves out of an object (undefined, a function, a symbol). */
function plainCopy(value: unknown, depth: number, realm: Realm): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON writes NaN and ±Infinity as null, and -0 as 0.
      return Number.isFinite(value) ? value + 0 : null;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      return NOT_PLAIN;
  }
  if (value === null) return null;
  if (depth >= MAX_PLAIN_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) {
    if (prototype !== Array.prototype && prototype !== realm.arrayPrototype) return NOT_PLAIN;
    const source = value as unknown[];
    const out: unknown[] = [];
    for (let i = 0; i < source.length; i += 1) {
      const item = plainCopy(source[i], depth + 1, realm);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      out.push(item === undefined ? null : item);
    }
    return out;
  }
  if (prototype !== Object.prototype && prototype !== realm.objectPrototype && prototype !== null) return NOT_PLAIN;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    // JSON.parse makes `__proto__` an own property; assigning it would set the prototype instead.
    if (key === '__proto__') return NOT_PLAIN;
    const item = plainCopy(source[key], depth + 1, realm);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    if (item !== undefined) out[key] = item;
  }
  return out;
}
