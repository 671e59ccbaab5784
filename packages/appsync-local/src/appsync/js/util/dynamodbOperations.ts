// The `operations` helpers of @aws-appsync/utils/dynamodb and the update expression that
// `update()` builds from an update object. The operation objects and the "#expName_N" /
// ":expValue_N" placeholders are what AppSync's EvaluateCode returns, e.g.
// "SET #expName_1 = :expValue_1", "SET #expName_1 = #expName_1 - :expValue_1",
// "SET #expName_1 = list_append(#expName_1, :expValue_1)".
import { toDynamoDB, type AttributeValue } from './dynamodb.ts';
import { type DynamoDBExpression } from './filterExpression.ts';
import { describeValue, isPlainObject, type PlainObject } from './values.ts';

const OPERATION = {
  add: 'OPERATION_ADD',
  remove: 'OPERATION_REMOVE',
  replace: 'OPERATION_REPLACE',
  increment: 'OPERATION_INCREMENT',
  decrement: 'OPERATION_DECREMENT',
  append: 'OPERATION_APPEND',
  prepend: 'OPERATION_PREPEND',
  updateListItem: 'OPERATION_UPDATE_LIST_ITEM',
} as const;

export const operations = {
  /** Sets the attribute to the value (a new attribute, or a whole map). */
  add: (value: unknown): PlainObject => ({ type: OPERATION.add, value }),
  remove: (): PlainObject => ({ type: OPERATION.remove }),
  /** Sets the whole attribute, rather than only the keys of a nested map. */
  replace: (value: unknown): PlainObject => ({ type: OPERATION.replace, value }),
  increment: (by: unknown = 1): PlainObject => ({ type: OPERATION.increment, by }),
  decrement: (by: unknown = 1): PlainObject => ({ type: OPERATION.decrement, by }),
  append: (items: unknown): PlainObject => ({ type: OPERATION.append, items }),
  prepend: (items: unknown): PlainObject => ({ type: OPERATION.prepend, items }),
  updateListItem: (value: unknown, index: unknown): PlainObject => ({ type: OPERATION.updateListItem, value, index }),
};

const SET_TYPES = ['SS', 'NS', 'BS'];

/** A set built with toStringSet/toNumberSet/toBinarySet: already a DynamoDB attribute value. */
export function isSetValue(value: unknown): value is PlainObject {
  if (!isPlainObject(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return keys.length === 1 && SET_TYPES.includes(keys[0] ?? '') && Array.isArray(value[keys[0] ?? '']);
}

/** util.dynamodb.toDynamoDB, except that sets made by the module's set helpers stay sets. */
export function toItemValue(value: unknown): AttributeValue {
  if (isSetValue(value)) {
    return { ...value };
  }
  if (Array.isArray(value)) {
    return { L: value.map((item) => toItemValue(item)) };
  }
  if (isPlainObject(value)) {
    return { M: toItemValues(value) };
  }
  return toDynamoDB(value);
}

export function toItemValues(item: PlainObject): Record<string, AttributeValue> {
  const converted: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(item)) {
    if (value !== undefined) {
      converted[key] = toItemValue(value);
    }
  }
  return converted;
}

/** Placeholders for one expression: attribute names are reused, values always numbered anew. */
class Placeholders {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  private readonly nameTokens = new Map<string, string>();
  private valueCount = 0;

  name(attribute: string): string {
    let token = this.nameTokens.get(attribute);
    if (token === undefined) {
      token = `#expName_${this.nameTokens.size + 1}`;
      this.nameTokens.set(attribute, token);
      this.names[token] = attribute;
    }
    return token;
  }

  value(value: AttributeValue): string {
    this.valueCount += 1;
    const token = `:expValue_${this.valueCount}`;
    this.values[token] = value;
    return token;
  }
}

/** The update expression for an update object of plain values and operations. */
export function buildUpdateExpression(update: unknown): DynamoDBExpression {
  if (!isPlainObject(update)) {
    throw new TypeError(`update() expects an update object, got ${describeValue(update)}`);
  }
  const placeholders = new Placeholders();
  const setActions: string[] = [];
  const removeActions: string[] = [];
  collectActions(update, '', placeholders, setActions, removeActions);
  const clauses: string[] = [];
  if (setActions.length > 0) {
    clauses.push(`SET ${setActions.join(', ')}`);
  }
  if (removeActions.length > 0) {
    clauses.push(`REMOVE ${removeActions.join(', ')}`);
  }
  return { expression: clauses.join(' '), expressionNames: placeholders.names, expressionValues: placeholders.values };
}

function collectActions(
  update: PlainObject,
  parentPath: string,
  placeholders: Placeholders,
  setActions: string[],
  removeActions: string[],
): void {
  for (const [attribute, value] of Object.entries(update)) {
    if (value === undefined) {
      continue;
    }
    const path = parentPath === '' ? placeholders.name(attribute) : `${parentPath}.${placeholders.name(attribute)}`;
    if (isOperation(value)) {
      applyOperation(value, path, placeholders, setActions, removeActions);
    } else if (isPlainObject(value) && !isSetValue(value)) {
      // a plain nested map updates only the keys it names
      collectActions(value, path, placeholders, setActions, removeActions);
    } else if (Array.isArray(value) && value.length > 0 && value.every((item) => isListItemUpdate(item))) {
      for (const item of value) {
        setActions.push(`${path}[${requireListIndex(item.index)}] = ${placeholders.value(toItemValue(item.value))}`);
      }
    } else {
      setActions.push(`${path} = ${placeholders.value(toItemValue(value))}`);
    }
  }
}

function applyOperation(
  operation: PlainObject,
  path: string,
  placeholders: Placeholders,
  setActions: string[],
  removeActions: string[],
): void {
  switch (operation.type) {
    case OPERATION.add:
    case OPERATION.replace:
      setActions.push(`${path} = ${placeholders.value(toItemValue(operation.value))}`);
      return;
    case OPERATION.remove:
      removeActions.push(path);
      return;
    case OPERATION.increment:
      setActions.push(`${path} = ${path} + ${placeholders.value(toDynamoDB(operation.by))}`);
      return;
    case OPERATION.decrement:
      setActions.push(`${path} = ${path} - ${placeholders.value(toDynamoDB(operation.by))}`);
      return;
    case OPERATION.append:
      setActions.push(`${path} = list_append(${path}, ${placeholders.value(toItemValue(operation.items))})`);
      return;
    case OPERATION.prepend:
      setActions.push(`${path} = list_append(${placeholders.value(toItemValue(operation.items))}, ${path})`);
      return;
    case OPERATION.updateListItem:
      setActions.push(`${path}[${requireListIndex(operation.index)}] = ${placeholders.value(toItemValue(operation.value))}`);
      return;
    default:
      throw new Error(`update(): unknown operation ${String(operation.type)}`);
  }
}

function isOperation(value: unknown): value is PlainObject {
  return isPlainObject(value) && typeof value.type === 'string' && value.type.startsWith('OPERATION_');
}

function isListItemUpdate(value: unknown): value is PlainObject {
  return isOperation(value) && value.type === OPERATION.updateListItem;
}

function requireListIndex(index: unknown): number {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
    throw new TypeError(`operations.updateListItem expects a non-negative integer index, got ${describeValue(index)}`);
  }
  return index;
}
