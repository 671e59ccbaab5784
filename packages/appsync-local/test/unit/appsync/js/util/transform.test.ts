// util.transform. The expected outputs of the DynamoDB transforms and of toSubscriptionFilter
// are outputs AppSync's EvaluateCode returned (recorded in localstack/appsync-utils' snapshot
// tests); the toElasticsearchQueryDSL case is the example of the AppSync documentation.
import { describe, expect, it } from 'vitest';
import {
  toDynamoDBConditionExpression,
  toDynamoDBFilterExpression,
} from '../../../../../src/appsync/js/util/filterExpression.ts';
import { toElasticsearchQueryDSL } from '../../../../../src/appsync/js/util/openSearchQuery.ts';
import { toSubscriptionFilter } from '../../../../../src/appsync/js/util/subscriptionFilter.ts';

function filter(input: unknown): unknown {
  const json = toDynamoDBFilterExpression(input);
  return json === null ? null : JSON.parse(json);
}

describe('util.transform.toDynamoDBFilterExpression', () => {
  it('returns a JSON string with expression, expressionNames and expressionValues in that order', () => {
    expect(toDynamoDBFilterExpression({ content: { contains: 'foo' } })).toBe(
      '{"expression":"(contains(#content,:content_contains))","expressionNames":{"#content":"content"},' +
        '"expressionValues":{":content_contains":{"S":"foo"}}}',
    );
  });

  it('renders the documented title/contains example with the documented placeholder names', () => {
    expect(filter({ title: { contains: 'Hello World' } })).toEqual({
      expression: '(contains(#title,:title_contains))',
      expressionNames: { '#title': 'title' },
      expressionValues: { ':title_contains': { S: 'Hello World' } },
    });
  });

  it.each([
    ['eq', '='],
    ['ne', '<>'],
    ['lt', '<'],
    ['le', '<='],
    ['gt', '>'],
    ['ge', '>='],
  ])('renders the comparison %s as %s', (operator, symbol) => {
    expect(filter({ v: { [operator]: 'x' } })).toEqual({
      expression: `(#v ${symbol} :v_${operator})`,
      expressionNames: { '#v': 'v' },
      expressionValues: { [`:v_${operator}`]: { S: 'x' } },
    });
  });

  it('keeps the type of each operand: numbers, booleans, null, maps and lists', () => {
    expect(filter({ v: { eq: 10 } })).toMatchObject({ expressionValues: { ':v_eq': { N: 10 } } });
    expect(filter({ v: { eq: 1.5 } })).toMatchObject({ expressionValues: { ':v_eq': { N: 1.5 } } });
    expect(filter({ v: { eq: true } })).toMatchObject({ expressionValues: { ':v_eq': { BOOL: true } } });
    expect(filter({ v: { eq: null } })).toMatchObject({ expressionValues: { ':v_eq': { NULL: null } } });
    expect(filter({ v: { eq: { a: 1 } } })).toMatchObject({ expressionValues: { ':v_eq': { M: { a: { N: 1 } } } } });
    expect(filter({ v: { eq: [1, 2] } })).toMatchObject({
      expressionValues: { ':v_eq': { L: [{ N: 1 }, { N: 2 }] } },
    });
  });

  it('renders contains, notContains and beginsWith with no space after the comma', () => {
    expect(filter({ v: { contains: 'x' } })).toMatchObject({ expression: '(contains(#v,:v_contains))' });
    expect(filter({ v: { notContains: 'x' } })).toMatchObject({ expression: '(NOT contains(#v,:v_notContains))' });
    expect(filter({ v: { beginsWith: 'x' } })).toMatchObject({ expression: '(begins_with(#v,:v_beginsWith))' });
  });

  it('names the bounds of between _start and _end and ignores extra bounds', () => {
    const expected = {
      expression: '(#v BETWEEN :v_between_start AND :v_between_end)',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_between_start': { S: '1' }, ':v_between_end': { S: '9' } },
    };
    expect(filter({ v: { between: ['1', '9'] } })).toEqual(expected);
    expect(filter({ v: { between: ['1', '9', '3'] } })).toEqual(expected);
    expect(filter({ v: { between: [1, 9] } })).toMatchObject({
      expressionValues: { ':v_between_start': { N: 1 }, ':v_between_end': { N: 9 } },
    });
  });

  it('numbers the values of in and separates them with a comma and a space', () => {
    expect(filter({ v: { in: ['a', 'b'] } })).toEqual({
      expression: '(#v IN (:v_in_0, :v_in_1))',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_in_0': { S: 'a' }, ':v_in_1': { S: 'b' } },
    });
    expect(filter({ v: { in: ['a'] } })).toMatchObject({ expression: '(#v IN (:v_in_0))' });
  });

  it('renders attributeExists true and false', () => {
    expect(filter({ v: { attributeExists: true } })).toEqual({
      expression: '(attribute_exists(#v))',
      expressionNames: { '#v': 'v' },
      expressionValues: {},
    });
    expect(filter({ v: { attributeExists: false } })).toMatchObject({ expression: '(attribute_not_exists(#v))' });
  });

  it('turns every friendly attributeType name into its DynamoDB type code', () => {
    const names = ['_null', 'string', 'stringSet', 'number', 'numberSet', 'binary', 'binarySet', 'boolean', 'list', 'map'];
    const codes = ['NULL', 'S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'L', 'M'];
    const fields = 'abcdefghij'.split('');
    const input = Object.fromEntries(fields.map((field, index) => [field, { attributeType: names[index] }]));
    const result = filter(input) as { expression: string; expressionValues: Record<string, unknown> };
    expect(result.expression).toBe(fields.map((field) => `(attribute_type(#${field},:${field}_attributeType))`).join(' AND '));
    fields.forEach((field, index) => {
      expect(result.expressionValues[`:${field}_attributeType`]).toEqual({ S: codes[index] });
    });
  });

  it('compares the size of an attribute with any operator', () => {
    expect(filter({ v: { size: { gt: 2 } } })).toEqual({
      expression: '(size(#v) > :v_size_gt)',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_size_gt': { N: 2 } },
    });
    expect(filter({ v: { size: { between: [1, 3] } } })).toMatchObject({
      expression: '(size(#v) BETWEEN :v_size_between_start AND :v_size_between_end)',
    });
    expect(filter({ v: { size: { contains: 'x' } } })).toMatchObject({ expression: '(contains(size(#v),:v_size_contains))' });
    expect(filter({ v: { size: { attributeExists: true } } })).toMatchObject({ expression: '(attribute_exists(size(#v)))' });
    expect(filter({ v: { size: { gt: 2, lt: 5 } } })).toMatchObject({
      expression: '((size(#v) > :v_size_gt) AND (size(#v) < :v_size_lt))',
    });
  });

  it('names a nested size again in the value placeholder without nesting the call', () => {
    expect(filter({ v: { size: { size: { gt: 1 } } } })).toEqual({
      expression: '(size(#v) > :v_size_size_gt)',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_size_size_gt': { N: 1 } },
    });
  });

  it('joins top-level fields with AND without wrapping, and wraps a field with two operators', () => {
    expect(filter({ a: { eq: 1 }, b: { eq: 2 } })).toMatchObject({ expression: '(#a = :a_eq) AND (#b = :b_eq)' });
    expect(filter({ v: { ge: 1, le: 5 } })).toMatchObject({ expression: '((#v >= :v_ge) AND (#v <= :v_le))' });
  });

  it('wraps and/or groups of several members, prefixing value names with the group path', () => {
    expect(filter({ and: [{ a: { eq: 1 } }] })).toMatchObject({ expression: '(#a = :and_0_a_eq)' });
    expect(filter({ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] })).toMatchObject({
      expression: '((#a = :and_0_a_eq) AND (#b = :and_1_b_eq))',
    });
    expect(filter({ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] })).toEqual({
      expression: '((#a = :or_0_a_eq) OR (#b = :or_1_b_eq))',
      expressionNames: { '#a': 'a', '#b': 'b' },
      expressionValues: { ':or_0_a_eq': { N: 1 }, ':or_1_b_eq': { N: 2 } },
    });
  });

  it('nests not, and and or to any depth', () => {
    expect(filter({ not: { a: { eq: 1 } } })).toMatchObject({ expression: '(NOT (#a = :not_a_eq))' });
    expect(filter({ not: { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] } })).toMatchObject({
      expression: '(NOT ((#a = :not_and_0_a_eq) AND (#b = :not_and_1_b_eq)))',
    });
    expect(filter({ not: { not: { a: { eq: 1 } } } })).toMatchObject({ expression: '(NOT (NOT (#a = :not_not_a_eq)))' });
    expect(filter({ and: [{ not: { a: { eq: 1 } } }, { b: { eq: 2 } }] })).toMatchObject({
      expression: '((NOT (#a = :and_0_not_a_eq)) AND (#b = :and_1_b_eq))',
    });
    expect(filter({ or: [{ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] })).toMatchObject({
      expression: '(((#a = :or_0_and_0_a_eq) AND (#b = :or_0_and_1_b_eq)) OR (#c = :or_1_c_eq))',
    });
    expect(filter({ and: [{ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] })).toMatchObject({
      expression: '(((#a = :and_0_or_0_a_eq) OR (#b = :and_0_or_1_b_eq)) AND (#c = :and_1_c_eq))',
    });
    expect(filter({ and: [{ or: [{ and: [{ a: { eq: 1 } }] }] }] })).toMatchObject({
      expression: '(#a = :and_0_or_0_and_0_a_eq)',
    });
  });

  it('puts a field beside a group and keeps dotted and underscored names verbatim', () => {
    expect(filter({ a: { eq: 1 }, and: [{ b: { eq: 2 } }] })).toMatchObject({
      expression: '(#a = :a_eq) AND (#b = :and_0_b_eq)',
    });
    expect(filter({ 'a.b': { eq: 1 } })).toEqual({
      expression: '(#a.b = :a.b_eq)',
      expressionNames: { '#a.b': 'a.b' },
      expressionValues: { ':a.b_eq': { N: 1 } },
    });
  });

  it('renders empty filters, fields and groups as empty expressions, dangling joiners included', () => {
    expect(filter({})).toEqual({ expression: '', expressionNames: {}, expressionValues: {} });
    expect(filter({ and: [] })).toEqual({ expression: '', expressionNames: {}, expressionValues: {} });
    expect(filter({ v: {} })).toEqual({ expression: '', expressionNames: { '#v': 'v' }, expressionValues: {} });
    expect(filter({ v: { size: {} } })).toEqual({ expression: '', expressionNames: { '#v': 'v' }, expressionValues: {} });
    expect(filter({ not: {} })).toMatchObject({ expression: '(NOT )' });
    expect(filter({ v: { in: [] } })).toEqual({ expression: '(null)', expressionNames: { '#v': 'v' }, expressionValues: {} });
    expect(filter({ a: { eq: 1 }, b: {} })).toMatchObject({ expression: '(#a = :a_eq) AND ' });
    expect(filter({ and: [{ a: { eq: 1 } }, {}] })).toMatchObject({ expression: '((#a = :and_0_a_eq) AND )' });
  });

  it.each([
    ['no filter at all', undefined],
    ['null', null],
    ['a list', []],
    ['a string', 'string'],
    ['an unknown operator', { v: { foo: 1 } }],
    ['a field holding a value instead of operators', { v: 'x' }],
    ['a field nested in a field', { a: { b: { eq: 1 } } }],
    ['an and given a map', { and: { a: { eq: 1 } } }],
    ['an and given null', { and: null }],
    ['a group holding a null member', { and: [{ a: { eq: 1 } }, null] }],
    ['a not given a list', { not: [{ a: { eq: 1 } }] }],
    ['a range with a single bound', { v: { between: [1] } }],
    ['a range that is not a list', { v: { between: 'x' } }],
    ['an in that is not a list', { v: { in: 'x' } }],
    ['attributeExists that is not a boolean', { v: { attributeExists: 'yes' } }],
    ['attributeType given a type code', { v: { attributeType: 'S' } }],
    ['attributeType given an unknown name', { v: { attributeType: 'bogus' } }],
    ['size given a value instead of operators', { v: { size: 3 } }],
  ])('answers null for %s', (_name, input) => {
    expect(toDynamoDBFilterExpression(input)).toBeNull();
  });
});

describe('util.transform.toDynamoDBConditionExpression', () => {
  it('renders conditions exactly as filters, as AppSync does', () => {
    for (const input of [
      { content: { eq: 'x' } },
      { and: [{ content: { eq: 'x' } }, { version: { attributeExists: true } }] },
      { not: { id: { between: ['1', '9'] } } },
    ]) {
      expect(toDynamoDBConditionExpression(input)).toBe(toDynamoDBFilterExpression(input));
    }
  });

  it('renders the conditions Amplify generates for create and update', () => {
    expect(toDynamoDBConditionExpression({ and: [{ id: { attributeExists: false } }] })).toBe(
      '{"expression":"(attribute_not_exists(#id))","expressionNames":{"#id":"id"},"expressionValues":{}}',
    );
    expect(
      JSON.parse(toDynamoDBConditionExpression({ and: [{ id: { attributeExists: true } }, { _version: { eq: 1 } }] }) ?? ''),
    ).toEqual({
      expression: '((attribute_exists(#id)) AND (#_version = :and_1__version_eq))',
      expressionNames: { '#id': 'id', '#_version': '_version' },
      expressionValues: { ':and_1__version_eq': { N: 1 } },
    });
  });
});

describe('util.transform.toSubscriptionFilter', () => {
  const entry = (fieldName: string, operator: string, value: unknown) => ({ fieldName, operator, value });

  it('turns the documented example into four groups, field operators varying slowest', () => {
    const result = toSubscriptionFilter({
      percentageUp: { lte: 50, gte: 20 },
      and: [{ title: { ne: 'Book1' } }, { downvotes: { gt: 2000 } }],
      or: [{ author: { eq: 'Admin' } }, { isPublished: { eq: false } }],
    });
    const shared = [entry('title', 'ne', 'Book1'), entry('downvotes', 'gt', 2000)];
    expect(result).toEqual({
      filterGroup: [
        { filters: [entry('percentageUp', 'lte', 50), ...shared, entry('author', 'eq', 'Admin')] },
        { filters: [entry('percentageUp', 'lte', 50), ...shared, entry('isPublished', 'eq', false)] },
        { filters: [entry('percentageUp', 'gte', 20), ...shared, entry('author', 'eq', 'Admin')] },
        { filters: [entry('percentageUp', 'gte', 20), ...shared, entry('isPublished', 'eq', false)] },
      ],
    });
  });

  it('combines fields, and-members and a field beside an and into one group', () => {
    expect(toSubscriptionFilter({ a: { eq: 1 }, b: { eq: 2 } })).toEqual({
      filterGroup: [{ filters: [entry('a', 'eq', 1), entry('b', 'eq', 2)] }],
    });
    expect(toSubscriptionFilter({ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] })).toEqual({
      filterGroup: [{ filters: [entry('a', 'eq', 1), entry('b', 'eq', 2)] }],
    });
    expect(toSubscriptionFilter({ z: { eq: 0 }, and: [{ a: { eq: 1 } }] })).toEqual({
      filterGroup: [{ filters: [entry('z', 'eq', 0), entry('a', 'eq', 1)] }],
    });
    expect(toSubscriptionFilter({ 'loc.addr.country': { eq: 'USA' } })).toEqual({
      filterGroup: [{ filters: [entry('loc.addr.country', 'eq', 'USA')] }],
    });
  });

  it('splits two operators on one field, and each or member, into groups of their own', () => {
    expect(toSubscriptionFilter({ a: { eq: 1, ne: 2 } })).toEqual({
      filterGroup: [{ filters: [entry('a', 'eq', 1)] }, { filters: [entry('a', 'ne', 2)] }],
    });
    expect(toSubscriptionFilter({ and: [{ a: { eq: 1 } }, { or: [{ b: { eq: 2 } }, { c: { eq: 3 } }] }] })).toEqual({
      filterGroup: [
        { filters: [entry('a', 'eq', 1), entry('b', 'eq', 2)] },
        { filters: [entry('a', 'eq', 1), entry('c', 'eq', 3)] },
      ],
    });
  });

  it('carries operators and values through as written, reading not as a field name', () => {
    expect(toSubscriptionFilter({ a: { in: [1, 2] }, b: { notIn: ['x'] }, c: { containsAny: ['x', 'y'] } })).toEqual({
      filterGroup: [{ filters: [entry('a', 'in', [1, 2]), entry('b', 'notIn', ['x']), entry('c', 'containsAny', ['x', 'y'])] }],
    });
    expect(toSubscriptionFilter({ a: { bogus: 1 } })).toEqual({ filterGroup: [{ filters: [entry('a', 'bogus', 1)] }] });
    expect(toSubscriptionFilter({ not: { a: { eq: 1 } } })).toEqual({
      filterGroup: [{ filters: [entry('not', 'a', { eq: 1 })] }],
    });
  });

  it('drops ignored fields, also inside an and', () => {
    expect(toSubscriptionFilter({ a: { eq: 1 }, b: { eq: 2 } }, ['a'])).toEqual({
      filterGroup: [{ filters: [entry('b', 'eq', 2)] }],
    });
    expect(toSubscriptionFilter({ a: { eq: 1 }, and: [{ b: { eq: 2 } }] }, ['b'])).toEqual({
      filterGroup: [{ filters: [entry('a', 'eq', 1)] }],
    });
  });

  it('adds each rule as an alternative to every group', () => {
    expect(toSubscriptionFilter({ a: { eq: 1 } }, [], { r1: { gte: 250 }, r2: { eq: 'p' } })).toEqual({
      filterGroup: [
        { filters: [entry('a', 'eq', 1), entry('r1', 'gte', 250)] },
        { filters: [entry('a', 'eq', 1), entry('r2', 'eq', 'p')] },
      ],
    });
    expect(toSubscriptionFilter({}, [], { r1: { eq: 1 } })).toEqual({ filterGroup: [{ filters: [entry('r1', 'eq', 1)] }] });
  });

  it('produces no group for empty filters and null for input that is not a map', () => {
    expect(toSubscriptionFilter({})).toEqual({ filterGroup: [] });
    expect(toSubscriptionFilter({ a: {} })).toEqual({ filterGroup: [] });
    expect(toSubscriptionFilter({ and: [] })).toEqual({ filterGroup: [] });
    expect(toSubscriptionFilter(null)).toBeNull();
    expect(toSubscriptionFilter(undefined)).toBeNull();
    expect(toSubscriptionFilter([])).toBeNull();
    expect(toSubscriptionFilter('{"a":{"eq":1}}')).toBeNull();
  });
});

describe('util.transform.toElasticsearchQueryDSL', () => {
  it('renders the documented example as nested bool/must queries', () => {
    const json = toElasticsearchQueryDSL({ upvotes: { ne: 15, range: [10, 20] }, title: { eq: 'hihihi', wildcard: 'h*i' } });
    expect(JSON.parse(json ?? '')).toEqual({
      bool: {
        must: [
          {
            bool: {
              must: [{ bool: { must_not: { term: { upvotes: 15 } } } }, { range: { upvotes: { gte: 10, lte: 20 } } }],
            },
          },
          { bool: { must: [{ term: { title: 'hihihi' } }, { wildcard: { title: 'h*i' } }] } },
        ],
      },
    });
  });

  it('maps the text, range and existence operators and and/or/not', () => {
    expect(JSON.parse(toElasticsearchQueryDSL({ title: { match: 'x' } }) ?? '')).toEqual({ match: { title: 'x' } });
    expect(JSON.parse(toElasticsearchQueryDSL({ n: { gt: 1 } }) ?? '')).toEqual({ range: { n: { gt: 1 } } });
    expect(JSON.parse(toElasticsearchQueryDSL({ n: { exists: false } }) ?? '')).toEqual({
      bool: { must_not: { exists: { field: 'n' } } },
    });
    expect(JSON.parse(toElasticsearchQueryDSL({ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }) ?? '')).toEqual({
      bool: { should: [{ term: { a: 1 } }, { term: { b: 2 } }] },
    });
    expect(JSON.parse(toElasticsearchQueryDSL({ not: { a: { matchPhrase: 'x y' } } }) ?? '')).toEqual({
      bool: { must_not: { match_phrase: { a: 'x y' } } },
    });
  });

  it('answers null for input that is not a map and rejects unknown operators', () => {
    expect(toElasticsearchQueryDSL(null)).toBeNull();
    expect(() => toElasticsearchQueryDSL({ a: { bogus: 1 } })).toThrow(/unsupported operator/);
  });
});
