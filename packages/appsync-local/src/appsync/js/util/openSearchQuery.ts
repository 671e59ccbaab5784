// util.transform.toElasticsearchQueryDSL: a filter object becomes an OpenSearch bool query,
// returned as a JSON string. Several fields (or several operators on one field) are combined
// with bool.must; and/or/not map to must/should/must_not.
import { isPlainObject, type PlainObject } from './values.ts';

type Query = PlainObject;

export function toElasticsearchQueryDSL(filter: unknown): string | null {
  if (!isPlainObject(filter)) {
    return null;
  }
  return JSON.stringify(combineMust(buildFilterQueries(filter)));
}

function buildFilterQueries(filter: PlainObject): Query[] {
  const queries: Query[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null) {
      continue;
    }
    if (key === 'and' || key === 'or') {
      const members = (Array.isArray(value) ? value : [value]).filter((member) => isPlainObject(member));
      const clauses = members.map((member) => combineMust(buildFilterQueries(member)));
      queries.push({ bool: { [key === 'and' ? 'must' : 'should']: clauses } });
    } else if (key === 'not') {
      if (isPlainObject(value)) {
        queries.push({ bool: { must_not: combineMust(buildFilterQueries(value)) } });
      }
    } else if (isPlainObject(value)) {
      queries.push(combineMust(buildFieldQueries(key, value)));
    }
  }
  return queries;
}

function buildFieldQueries(field: string, operators: PlainObject): Query[] {
  const queries: Query[] = [];
  for (const [operator, value] of Object.entries(operators)) {
    if (value !== undefined) {
      queries.push(buildOperatorQuery(field, operator, value));
    }
  }
  return queries;
}

function buildOperatorQuery(field: string, operator: string, value: unknown): Query {
  switch (operator) {
    case 'eq':
      return { term: { [field]: value } };
    case 'ne':
      return { bool: { must_not: { term: { [field]: value } } } };
    case 'match':
      return { match: { [field]: value } };
    case 'matchPhrase':
      return { match_phrase: { [field]: value } };
    case 'matchPhrasePrefix':
      return { match_phrase_prefix: { [field]: value } };
    case 'multiMatch':
      return { multi_match: { query: value, fields: [field] } };
    case 'wildcard':
      return { wildcard: { [field]: value } };
    case 'regexp':
      return { regexp: { [field]: value } };
    case 'exists':
      return value === false ? { bool: { must_not: { exists: { field } } } } : { exists: { field } };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { range: { [field]: { [operator]: value } } };
    case 'range': {
      const [from, to] = Array.isArray(value) ? value : [];
      return { range: { [field]: { gte: from, lte: to } } };
    }
    default:
      throw new Error(`util.transform.toElasticsearchQueryDSL: unsupported operator "${operator}" on "${field}"`);
  }
}

/** One query stays as it is; several are ANDed in a bool.must. */
function combineMust(queries: Query[]): Query {
  if (queries.length === 1 && queries[0] !== undefined) {
    return queries[0];
  }
  return { bool: { must: queries } };
}
