// The expression sections of a request object (query, filter, update, condition, projection) and
// the one set of ExpressionAttributeNames/Values DynamoDB takes for all of them together.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { describeCanonically } from './compare.ts';
import { mappingTemplateError } from './errors.ts';
import {
  assertKnownFields,
  fieldPath,
  readOptionalAttributeMap,
  readOptionalBoolean,
  readOptionalObject,
  readRequiredString,
  readStringList,
  readStringMap,
} from './request.ts';
import type { AttributeMap, JsonObject } from './types.ts';

export interface Expression {
  expression: string;
  names?: Record<string, string>;
  values?: AttributeMap;
}

export interface Condition extends Expression {
  equalsIgnore: string[];
  /** `Reject` (the default) or `Custom`, which would call a Lambda function. */
  strategy: 'Reject' | 'Custom';
}

export interface TransactCondition extends Expression {
  returnValuesOnConditionCheckFailure: boolean;
}

const EXPRESSION_FIELDS = ['expression', 'expressionNames', 'expressionValues'];

/** `{ expression, expressionNames, expressionValues }`, such as `query`, `filter` or `update`. */
export function readExpression(object: JsonObject, field: string, path: string): Expression | undefined {
  const section = readOptionalObject(object, field, path);
  if (section === undefined) return undefined;
  const sectionPath = fieldPath(path, field);
  assertKnownFields(section, sectionPath, EXPRESSION_FIELDS);
  return readExpressionFields(section, sectionPath);
}

export function readRequiredExpression(object: JsonObject, field: string, path: string): Expression {
  const expression = readExpression(object, field, path);
  if (expression === undefined) throw mappingTemplateError(`Value for field '${fieldPath(path, field)}' not found.`);
  return expression;
}

/** `{ expression, expressionNames }`: a projection takes no values. */
export function readProjection(object: JsonObject, path: string, field = 'projection'): Expression | undefined {
  const section = readOptionalObject(object, field, path);
  if (section === undefined) return undefined;
  const sectionPath = fieldPath(path, field);
  assertKnownFields(section, sectionPath, ['expression', 'expressionNames']);
  return readExpressionFields(section, sectionPath);
}

/** The `condition` of PutItem, UpdateItem and DeleteItem. */
export function readCondition(object: JsonObject, path: string): Condition | undefined {
  const section = readOptionalObject(object, 'condition', path);
  if (section === undefined) return undefined;
  const sectionPath = fieldPath(path, 'condition');
  assertKnownFields(section, sectionPath, [
    ...EXPRESSION_FIELDS,
    'equalsIgnore',
    'consistentRead',
    'conditionalCheckFailedHandler',
  ]);
  // consistentRead only tunes the read AppSync makes after a failed check; here DynamoDB returns the
  // current item with the failure itself (ReturnValuesOnConditionCheckFailure), so it is accepted
  // and has nothing left to tune.
  readOptionalBoolean(section, 'consistentRead', sectionPath);
  return {
    ...readExpressionFields(section, sectionPath),
    equalsIgnore: readStringList(section, 'equalsIgnore', sectionPath) ?? [],
    strategy: readFailureStrategy(section, sectionPath),
  };
}

function readFailureStrategy(condition: JsonObject, path: string): 'Reject' | 'Custom' {
  const handler = readOptionalObject(condition, 'conditionalCheckFailedHandler', path);
  if (handler === undefined) return 'Reject';
  const handlerPath = fieldPath(path, 'conditionalCheckFailedHandler');
  assertKnownFields(handler, handlerPath, ['strategy', 'lambdaArn']);
  const strategy = readRequiredString(handler, 'strategy', handlerPath);
  if (strategy === 'Reject') return strategy;
  if (strategy === 'Custom') {
    readRequiredString(handler, 'lambdaArn', handlerPath);
    return strategy;
  }
  throw mappingTemplateError(`Unsupported value '${strategy}' for field '${fieldPath(handlerPath, 'strategy')}'.`);
}

/** The `condition` of a TransactWriteItems request item. */
export function readTransactCondition(object: JsonObject, path: string): TransactCondition | undefined {
  const section = readOptionalObject(object, 'condition', path);
  if (section === undefined) return undefined;
  const sectionPath = fieldPath(path, 'condition');
  assertKnownFields(section, sectionPath, [...EXPRESSION_FIELDS, 'returnValuesOnConditionCheckFailure']);
  return {
    ...readExpressionFields(section, sectionPath),
    // Documented default: the existing item is returned when the check fails.
    returnValuesOnConditionCheckFailure: readOptionalBoolean(section, 'returnValuesOnConditionCheckFailure', sectionPath) ?? true,
  };
}

function readExpressionFields(section: JsonObject, path: string): Expression {
  const expression: Expression = { expression: readRequiredString(section, 'expression', path) };
  const names = readStringMap(section, 'expressionNames', path);
  if (names !== undefined) expression.names = names;
  const values = readOptionalAttributeMap(section, 'expressionValues', path);
  if (values !== undefined) expression.values = values;
  return expression;
}

/** Collects the placeholders of several expressions into DynamoDB's single pair of maps. */
export class ExpressionAttributes {
  private readonly names: Record<string, string> = {};
  private readonly values: Record<string, AttributeValue> = {};

  add(expression: Expression | undefined): void {
    if (expression === undefined) return;
    for (const [placeholder, name] of Object.entries(expression.names ?? {})) {
      const known = this.names[placeholder];
      if (known !== undefined && known !== name) throw conflictingPlaceholder(placeholder);
      this.names[placeholder] = name;
    }
    for (const [placeholder, value] of Object.entries(expression.values ?? {})) {
      const known = this.values[placeholder];
      if (known !== undefined && describeCanonically(known) !== describeCanonically(value)) {
        throw conflictingPlaceholder(placeholder);
      }
      this.values[placeholder] = value;
    }
  }

  /** DynamoDB rejects empty maps, so an empty one is left out. */
  toParams(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: AttributeMap } {
    const params: { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: AttributeMap } = {};
    if (Object.keys(this.names).length > 0) params.ExpressionAttributeNames = { ...this.names };
    if (Object.keys(this.values).length > 0) params.ExpressionAttributeValues = { ...this.values };
    return params;
  }
}

function conflictingPlaceholder(placeholder: string): Error {
  return mappingTemplateError(
    `Expression placeholder '${placeholder}' is given different values in two expressions of the same request.`,
  );
}

export function collectExpressionAttributes(...expressions: (Expression | undefined)[]): ExpressionAttributes {
  const attributes = new ExpressionAttributes();
  for (const expression of expressions) attributes.add(expression);
  return attributes;
}
