// Matches an event against a compiled pattern, as EventBridge does: every field of the pattern
// must match (AND), a field matches when any of its values does (OR), a list in the event matches
// when any element does, and fields of one pattern object must be found in one object of an
// event's array (event-ruler's array consistency).
import { isPlainObject } from '../json.ts';
import type { CompiledPattern, ValueMatcher } from './compiled.ts';
import { matchesValue } from './matchValue.ts';

export function matchesPattern(pattern: CompiledPattern, event: unknown): boolean {
  return matchesObject(pattern, isPlainObject(event) ? event : undefined);
}

function matchesObject(pattern: CompiledPattern, node: Record<string, unknown> | undefined): boolean {
  for (const { key, matchers } of pattern.leaves) {
    if (!matchesLeaf(matchers, leafValues(node?.[key]))) return false;
  }
  for (const { key, pattern: nested } of pattern.objects) {
    const children = objectsOf(node?.[key]);
    const matched =
      children.length === 0 ? matchesObject(nested, undefined) : children.some((child) => matchesObject(nested, child));
    if (!matched) return false;
  }
  return pattern.ors.every((alternatives) => alternatives.some((alternative) => matchesObject(alternative, node)));
}

function matchesLeaf(matchers: ValueMatcher[], values: unknown[]): boolean {
  return matchers.some((matcher) =>
    matcher.type === 'exists' ? matcher.present === values.length > 0 : values.some((value) => matchesValue(matcher, value)),
  );
}

/** The scalar values at a field: the value itself, or the scalars of a (nested) array. Objects are not leaves. */
function leafValues(value: unknown): unknown[] {
  if (value === undefined || isPlainObject(value)) return [];
  if (Array.isArray(value)) return value.flatMap((item) => leafValues(item));
  return [value];
}

function objectsOf(value: unknown): Record<string, unknown>[] {
  if (isPlainObject(value)) return [value];
  if (Array.isArray(value)) return value.flatMap((item) => objectsOf(item));
  return [];
}
