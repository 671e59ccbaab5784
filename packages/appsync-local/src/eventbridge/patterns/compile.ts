// Validates an event pattern the way EventBridge does when a rule is created, and compiles it
// for matching. A pattern is an object whose fields are either nested objects or lists of values.
import { invalidPattern } from '../errors.ts';
import { isPlainObject } from '../json.ts';
import type { CompiledPattern } from './compiled.ts';
import { compileValue } from './operators.ts';

/** EventBridge's limit on the length of a rule's EventPattern. */
export const MAX_PATTERN_LENGTH = 4096;

const OR = '$or';

// Operator names cannot be field names inside `$or` (event-ruler's RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP).
const RESERVED_IN_OR = new Set(
  (
    'exactly equals-ignore-case prefix suffix anything-but exists wildcard numeric cidr html = < <= > >= regex not-wildcard ' +
    'not-equals-ignore-case date-after date-on-or-after date-before date-on-or-before in-date-range ip-address-in-range ' +
    'ip-address-not-in-range'
  ).split(' '),
);

export function compilePattern(pattern: unknown): CompiledPattern {
  if (!isPlainObject(pattern)) throw invalidPattern('Filter is not an object');
  const length = JSON.stringify(pattern).length;
  if (length > MAX_PATTERN_LENGTH) {
    throw invalidPattern(`Event pattern is ${length} characters long; the maximum is ${MAX_PATTERN_LENGTH}.`);
  }
  return compileObject(pattern, false);
}

function compileObject(object: Record<string, unknown>, insideOr: boolean): CompiledPattern {
  const compiled: CompiledPattern = { leaves: [], objects: [], ors: [] };
  const keys = Object.keys(object);
  if (keys.length === 0) throw invalidPattern('Empty objects are not allowed');
  for (const key of keys) {
    const value = object[key];
    if (key === OR) {
      compiled.ors.push(compileOr(value));
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) {
      throw invalidPattern(`${key} is Ruler reserved fieldName which cannot be used inside ${OR}.`);
    }
    if (isPlainObject(value)) {
      compiled.objects.push({ key, pattern: compileObject(value, insideOr) });
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw invalidPattern('Empty arrays are not allowed');
      compiled.leaves.push({ key, matchers: value.map((item) => compileValue(item)) });
    } else {
      throw invalidPattern(`"${key}" must be an object or an array`);
    }
  }
  return compiled;
}

function compileOr(value: unknown): CompiledPattern[] {
  if (!Array.isArray(value)) throw invalidPattern(`It must be an Array followed with ${OR}.`);
  const alternatives = value.map((item) => {
    if (!isPlainObject(item)) throw invalidPattern(`Only JSON object is allowed in array of ${OR} relationship.`);
    return compileObject(item, true);
  });
  if (alternatives.length < 2) throw invalidPattern(`There must have at least 2 Objects in ${OR} relationship.`);
  return alternatives;
}
