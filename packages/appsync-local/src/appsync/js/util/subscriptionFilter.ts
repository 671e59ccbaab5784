// util.transform.toSubscriptionFilter: a filter object becomes { filterGroup: [{ filters }] },
// groups OR-ed and the filters of a group AND-ed. Every operator of a field, every member of an
// `or` and every rule is an alternative, so groups multiply out in key order (matched against
// outputs recorded from AppSync). `not` is not special here: it is read as a field name.
import { isPlainObject, type PlainObject } from './values.ts';

export interface SubscriptionFilterEntry {
  fieldName: string;
  operator: string;
  value: unknown;
}

export interface SubscriptionFilter {
  filterGroup: { filters: SubscriptionFilterEntry[] }[];
}

/** A disjunction of conjunctions: each inner list is one group of filters. */
type Alternatives = SubscriptionFilterEntry[][];

const ALWAYS: Alternatives = [[]];

export function toSubscriptionFilter(filter: unknown, ignoredFields?: unknown, rules?: unknown): SubscriptionFilter | null {
  if (!isPlainObject(filter)) {
    return null;
  }
  const ignored = new Set(Array.isArray(ignoredFields) ? ignoredFields.filter((name) => typeof name === 'string') : []);
  let groups = expandFilter(filter, ignored);
  if (isPlainObject(rules)) {
    const ruleAlternatives = expandRules(rules);
    if (ruleAlternatives.length > 0) {
      groups = multiply(groups, ruleAlternatives);
    }
  }
  return {
    filterGroup: groups.filter((filters) => filters.length > 0).map((filters) => ({ filters })),
  };
}

function expandFilter(filter: PlainObject, ignored: ReadonlySet<string>): Alternatives {
  let groups = ALWAYS;
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) {
      continue;
    }
    if (key === 'and') {
      for (const member of selectMembers(value)) {
        groups = multiply(groups, expandFilter(member, ignored));
      }
    } else if (key === 'or') {
      const alternatives = selectMembers(value).flatMap((member) => expandFilter(member, ignored));
      if (alternatives.length > 0) {
        groups = multiply(groups, alternatives);
      }
    } else if (!ignored.has(key)) {
      const alternatives = expandField(key, value);
      if (alternatives.length > 0) {
        groups = multiply(groups, alternatives);
      }
    }
  }
  return groups;
}

/** Each rule operator must be able to satisfy the filter on its own. */
function expandRules(rules: PlainObject): Alternatives {
  return Object.entries(rules).flatMap(([field, operators]) => expandField(field, operators));
}

function expandField(fieldName: string, operators: unknown): Alternatives {
  if (!isPlainObject(operators)) {
    return [];
  }
  return Object.entries(operators)
    .filter(([, value]) => value !== undefined)
    .map(([operator, value]) => [{ fieldName, operator, value }]);
}

function selectMembers(value: unknown): PlainObject[] {
  return Array.isArray(value) ? value.filter((member) => isPlainObject(member)) : [];
}

/** Every group of `left` combined with every group of `right`, left varying slowest. */
function multiply(left: Alternatives, right: Alternatives): Alternatives {
  return left.flatMap((leftGroup) => right.map((rightGroup) => [...leftGroup, ...rightGroup]));
}
