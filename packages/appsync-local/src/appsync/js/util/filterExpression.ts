// util.transform.toDynamoDBFilterExpression / toDynamoDBConditionExpression. The output was
// matched against expressions recorded from AppSync's EvaluateCode: each comparison is wrapped
// in parentheses, a field with several operators and an and/or of several members are wrapped
// once more, value placeholders carry the whole path (":or_0_title_eq"), and a filter AppSync
// cannot render yields null rather than an error.
import { toDynamoDB, type AttributeValue } from './dynamodb.ts';
import { isPlainObject, type PlainObject } from './values.ts';

export interface DynamoDBExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

const COMPARISONS: Readonly<Record<string, string>> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };
const FUNCTIONS: Readonly<Record<string, string>> = {
  contains: 'contains',
  notContains: 'NOT contains',
  beginsWith: 'begins_with',
};
const ATTRIBUTE_TYPES: Readonly<Record<string, string>> = {
  _null: 'NULL',
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
};

/** Thrown inside the renderer for input AppSync answers with null. */
class Unrenderable extends Error {}

interface Collector {
  readonly names: Record<string, string>;
  readonly values: Record<string, AttributeValue>;
}

/** The JSON string AppSync returns, or null when the filter cannot be rendered. */
export function toDynamoDBFilterExpression(filter: unknown): string | null {
  const expression = buildDynamoDBExpression(filter);
  return expression === null ? null : JSON.stringify(expression);
}

/** Condition expressions render exactly as filter expressions do. */
export function toDynamoDBConditionExpression(condition: unknown): string | null {
  return toDynamoDBFilterExpression(condition);
}

/** The expression object itself (what the JSON string encodes), or null. */
export function buildDynamoDBExpression(filter: unknown): DynamoDBExpression | null {
  if (!isPlainObject(filter)) {
    return null;
  }
  const collector: Collector = { names: {}, values: {} };
  try {
    const expression = renderFilter(filter, [], collector);
    return { expression, expressionNames: collector.names, expressionValues: collector.values };
  } catch (error) {
    if (error instanceof Unrenderable) {
      return null;
    }
    throw error;
  }
}

/** Top-level keys are joined with AND and not wrapped. */
function renderFilter(filter: PlainObject, path: readonly string[], collector: Collector): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) {
      continue;
    }
    if (key === 'and' || key === 'or') {
      parts.push(renderGroup(key, value, path, collector));
    } else if (key === 'not') {
      parts.push(`(NOT ${renderFilter(requireMap(value), [...path, 'not'], collector)})`);
    } else {
      parts.push(renderField(key, requireMap(value), path, collector));
    }
  }
  return parts.join(' AND ');
}

function renderGroup(key: 'and' | 'or', members: unknown, path: readonly string[], collector: Collector): string {
  if (!Array.isArray(members)) {
    throw new Unrenderable();
  }
  const rendered = members.map((member, index) => renderFilter(requireMap(member), [...path, key, String(index)], collector));
  if (rendered.length > 1) {
    return `(${rendered.join(` ${key.toUpperCase()} `)})`;
  }
  return rendered[0] ?? '';
}

function renderField(field: string, operators: PlainObject, path: readonly string[], collector: Collector): string {
  const nameToken = `#${field}`;
  collector.names[nameToken] = field;
  return renderOperators(operators, nameToken, nameToken, [...path, field], collector);
}

/** The operators of one field (or of its size); several are ANDed and wrapped. */
function renderOperators(
  operators: PlainObject,
  operand: string,
  nameToken: string,
  valuePath: readonly string[],
  collector: Collector,
): string {
  const pieces: string[] = [];
  for (const [operator, value] of Object.entries(operators)) {
    if (value !== undefined) {
      pieces.push(renderOperator(operator, value, operand, nameToken, valuePath, collector));
    }
  }
  return pieces.length > 1 ? `(${pieces.join(' AND ')})` : (pieces[0] ?? '');
}

function renderOperator(
  operator: string,
  value: unknown,
  operand: string,
  nameToken: string,
  valuePath: readonly string[],
  collector: Collector,
): string {
  const valueToken = `:${[...valuePath, operator].join('_')}`;
  const comparison = COMPARISONS[operator];
  if (comparison !== undefined) {
    collector.values[valueToken] = toDynamoDB(value);
    return `(${operand} ${comparison} ${valueToken})`;
  }
  const functionName = FUNCTIONS[operator];
  if (functionName !== undefined) {
    collector.values[valueToken] = toDynamoDB(value);
    return `(${functionName}(${operand},${valueToken}))`;
  }
  switch (operator) {
    case 'between':
      return renderBetween(value, operand, valueToken, collector);
    case 'in':
      return renderIn(value, operand, valueToken, collector);
    case 'attributeExists':
      if (typeof value !== 'boolean') {
        throw new Unrenderable();
      }
      return `(${value ? 'attribute_exists' : 'attribute_not_exists'}(${operand}))`;
    case 'attributeType': {
      const typeCode = typeof value === 'string' ? ATTRIBUTE_TYPES[value] : undefined;
      if (typeCode === undefined) {
        throw new Unrenderable();
      }
      collector.values[valueToken] = { S: typeCode };
      return `(attribute_type(${operand},${valueToken}))`;
    }
    case 'size':
      // a size inside a size measures the same attribute; only the value names grow
      return renderOperators(requireMap(value), `size(${nameToken})`, nameToken, [...valuePath, 'size'], collector);
    default:
      throw new Unrenderable();
  }
}

function renderBetween(value: unknown, operand: string, valueToken: string, collector: Collector): string {
  if (!Array.isArray(value) || value.length < 2) {
    throw new Unrenderable();
  }
  collector.values[`${valueToken}_start`] = toDynamoDB(value[0]);
  collector.values[`${valueToken}_end`] = toDynamoDB(value[1]);
  return `(${operand} BETWEEN ${valueToken}_start AND ${valueToken}_end)`;
}

function renderIn(value: unknown, operand: string, valueToken: string, collector: Collector): string {
  if (!Array.isArray(value)) {
    throw new Unrenderable();
  }
  if (value.length === 0) {
    // what AppSync renders for an empty list (DynamoDB then rejects the expression)
    return '(null)';
  }
  const tokens = value.map((item, index) => {
    const token = `${valueToken}_${index}`;
    collector.values[token] = toDynamoDB(item);
    return token;
  });
  return `(${operand} IN (${tokens.join(', ')}))`;
}

function requireMap(value: unknown): PlainObject {
  if (!isPlainObject(value)) {
    throw new Unrenderable();
  }
  return value;
}
