// Subscription filters as AppSync applies them to a published payload. Basic filtering: every
// non-null argument of the subscription must equal the payload's field of the same name (unless
// the subscription's resolver sets an enhanced filter, which then decides alone).
// Enhanced filtering (extensions.setSubscriptionFilter, and invalidation filters): a
// `filterGroup` of groups that are OR-ed, each a list of `filters` that are AND-ed, each
// comparing a field (dots reach nested fields) with one of AppSync's operators. Filters are
// checked against AppSync's limits and compiled once, at subscribe time.
import { FILTER_LIMITS } from './limits.ts';

export type PayloadPredicate = (payload: unknown) => boolean;

/** A filter AppSync would refuse; the message is the one the subscriber receives. */
export class SubscriptionFilterError extends Error {
  override name = 'SubscriptionFilterError';
}

type Scalar = string | number | boolean | null;
type Comparable = string | number;

const isComparable = (value: unknown): value is Comparable =>
  (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string';
const isScalar = (value: unknown): value is Scalar => value === null || typeof value === 'boolean' || isComparable(value);

/** The operators AppSync documents, with the values each accepts and the test each makes on a field's value. */
const OPERATORS: Record<string, { accepts: (value: unknown) => boolean; test: (field: unknown, value: never) => boolean }> = {
  eq: { accepts: isScalar, test: (field, value: Scalar) => sameValue(field, value) },
  ne: { accepts: isScalar, test: (field, value: Scalar) => !sameValue(field, value) },
  le: { accepts: isComparable, test: (field, value: Comparable) => compare(field, value, (a, b) => a <= b) },
  lt: { accepts: isComparable, test: (field, value: Comparable) => compare(field, value, (a, b) => a < b) },
  ge: { accepts: isComparable, test: (field, value: Comparable) => compare(field, value, (a, b) => a >= b) },
  gt: { accepts: isComparable, test: (field, value: Comparable) => compare(field, value, (a, b) => a > b) },
  contains: { accepts: isComparable, test: (field, value: Comparable) => contains(field, value) },
  notContains: { accepts: isComparable, test: (field, value: Comparable) => !contains(field, value) },
  beginsWith: {
    accepts: (v) => typeof v === 'string',
    test: (field, value: string) => typeof field === 'string' && field.startsWith(value),
  },
  in: {
    accepts: listOf(1, FILTER_LIMITS.inValues),
    test: (field, values: Comparable[]) => values.some((v) => sameValue(field, v)),
  },
  notIn: {
    accepts: listOf(1, FILTER_LIMITS.inValues),
    test: (field, values: Comparable[]) => !values.some((v) => sameValue(field, v)),
  },
  between: {
    accepts: (v) => Array.isArray(v) && v.length === 2 && v.every(isComparable) && typeof v[0] === typeof v[1],
    test: (field, [low, high]: [Comparable, Comparable]) =>
      compare(field, low, (a, b) => a >= b) && compare(field, high, (a, b) => a <= b),
  },
  containsAny: {
    accepts: listOf(1, FILTER_LIMITS.containsAnyValues),
    test: (field, values: Comparable[]) =>
      Array.isArray(field)
        ? field.some((item) => values.some((v) => sameValue(item, v)))
        : values.some((v) => sameValue(field, v)),
  },
};

function listOf(min: number, max: number): (value: unknown) => boolean {
  return (value) => Array.isArray(value) && value.length >= min && value.length <= max && value.every(isComparable);
}

/** A missing field reads as null, as GraphQL returns a field the payload lacks. */
function sameValue(field: unknown, value: unknown): boolean {
  return (field === undefined ? null : field) === value;
}

function compare(field: unknown, value: Comparable, holds: (a: Comparable, b: Comparable) => boolean): boolean {
  return isComparable(field) && typeof field === typeof value && holds(field, value);
}

/** A substring of a string field, or a member of a list field. */
function contains(field: unknown, value: Comparable): boolean {
  if (typeof field === 'string') return typeof value === 'string' && field.includes(value);
  if (Array.isArray(field)) return field.some((item) => sameValue(item, value));
  return false;
}

/** Compiles `{ filterGroup: [{ filters: [{ fieldName, operator, value }] }] }`; throws SubscriptionFilterError. */
export function compileFilter(filter: unknown): PayloadPredicate {
  if (!isObject(filter) || !Array.isArray(filter.filterGroup)) {
    throw new SubscriptionFilterError('subscription filter is invalid: it must be an object with a filterGroup list.');
  }
  if (filter.filterGroup.length > FILTER_LIMITS.filterGroups) {
    throw new SubscriptionFilterError(`subscription filter exceeds the maximum of ${FILTER_LIMITS.filterGroups} filter groups.`);
  }
  const groups = filter.filterGroup.map(compileGroup);
  if (groups.length === 0) return () => true;
  return (payload) => groups.some((group) => group(payload));
}

function compileGroup(group: unknown): PayloadPredicate {
  if (!isObject(group) || !Array.isArray(group.filters)) {
    throw new SubscriptionFilterError('subscription filter is invalid: each filter group must have a filters list.');
  }
  if (group.filters.length > FILTER_LIMITS.filtersPerGroup) {
    throw new SubscriptionFilterError(
      `Filters exceed maximum attributes limit ${FILTER_LIMITS.filtersPerGroup} for subscription`,
    );
  }
  const filters = group.filters.map(compileCondition);
  return (payload) => filters.every((filter) => filter(payload));
}

function compileCondition(condition: unknown): PayloadPredicate {
  if (!isObject(condition) || typeof condition.fieldName !== 'string' || typeof condition.operator !== 'string') {
    throw new SubscriptionFilterError('subscription filter is invalid: each filter needs a fieldName and an operator.');
  }
  const { fieldName, operator, value } = condition;
  const path = fieldName.split('.');
  if (
    fieldName.length > FILTER_LIMITS.fieldNameLength ||
    path.length > FILTER_LIMITS.fieldNameDepth ||
    path.some((p) => p === '')
  ) {
    throw new SubscriptionFilterError(`subscription filter has an invalid fieldName \`${fieldName}\`.`);
  }
  const definition = Object.hasOwn(OPERATORS, operator) ? OPERATORS[operator] : undefined;
  if (!definition) throw new SubscriptionFilterError(`subscription filter has an unsupported operator \`${operator}\`.`);
  if (!definition.accepts(value)) {
    throw new SubscriptionFilterError(`subscription filter has invalid filter value for operator \`${operator}\`.`);
  }
  const test = definition.test as (field: unknown, value: unknown) => boolean;
  return (payload) => test(readPath(payload, path), value);
}

function readPath(payload: unknown, path: readonly string[]): unknown {
  let current = payload;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * Basic filtering: each argument the client gave must equal the payload's field of the same name.
 * An argument given as null filters for a null (or absent) field: "Using subscription arguments"
 * (https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-data.html) reads
 * `onUpdateTodo(owner: null)` as "updates of todos with no owner". An argument not given filters
 * nothing.
 */
export function compileArgumentFilter(args: Record<string, unknown>): PayloadPredicate {
  const required = Object.entries(args).filter(([, value]) => value !== undefined);
  if (required.length === 0) return () => true;
  return (payload) => isObject(payload) && required.every(([name, value]) => deepEqual(payload[name], value));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b || (a === undefined && b === null)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => deepEqual(a[key], b[key]));
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
