// The @aws-appsync/utils/dynamodb module: builders of the request objects AppSync's DynamoDB
// data source accepts. Keys and items are converted like util.dynamodb.toMapValues (sets made
// with the module's set helpers pass through), conditions, filters and key conditions are
// rendered by util.transform, and options the caller leaves out are left out of the request.
// batchGet/batchPut/batchDelete/transactGet/transactWrite follow the request shapes AppSync
// documents for those operations.
import { type AttributeValue } from './dynamodb.ts';
import { buildUpdateExpression, operations, toItemValues } from './dynamodbOperations.ts';
import { buildDynamoDBExpression, type DynamoDBExpression } from './filterExpression.ts';
import { describeValue, isPlainObject, pickPresent, type PlainObject } from './values.ts';

type Request = PlainObject;

export { operations };

export function get(payload: unknown): Request {
  const input = requireInput(payload, 'get');
  return {
    operation: 'GetItem',
    key: convertKey(input.key, 'get'),
    ...pickPresent(input, ['consistentRead']),
    ...renderProjection(input.projection),
  };
}

export function put(payload: unknown): Request {
  const input = requireInput(payload, 'put');
  return {
    operation: 'PutItem',
    key: convertKey(input.key, 'put'),
    attributeValues: convertItem(input.item, 'put'),
    ...renderCondition(input.condition, 'put'),
    ...pickPresent(input, ['customPartitionKey', 'populateIndexFields', '_version']),
  };
}

export function update(payload: unknown): Request {
  const input = requireInput(payload, 'update');
  return {
    operation: 'UpdateItem',
    key: convertKey(input.key, 'update'),
    update: buildUpdateExpression(input.update),
    ...renderCondition(input.condition, 'update'),
    ...pickPresent(input, ['customPartitionKey', 'populateIndexFields', '_version']),
  };
}

export function remove(payload: unknown): Request {
  const input = requireInput(payload, 'remove');
  return {
    operation: 'DeleteItem',
    key: convertKey(input.key, 'remove'),
    ...renderCondition(input.condition, 'remove'),
    ...pickPresent(input, ['customPartitionKey', 'populateIndexFields', '_version']),
  };
}

export function query(payload: unknown): Request {
  const input = requireInput(payload, 'query');
  const keyCondition = buildDynamoDBExpression(input.query);
  if (keyCondition === null || keyCondition.expression === '') {
    throw new Error(`query() needs a key condition such as { id: { eq: value } }, got ${describeValue(input.query)}`);
  }
  return {
    operation: 'Query',
    query: keyCondition,
    ...pickPresent(input, ['index', 'nextToken', 'limit', 'scanIndexForward', 'consistentRead', 'select']),
    ...renderFilterOption(input.filter, 'query'),
    ...renderProjection(input.projection),
  };
}

export function scan(payload: unknown): Request {
  const input = requireInput(payload ?? {}, 'scan');
  return {
    operation: 'Scan',
    ...pickPresent(input, ['index', 'limit', 'consistentRead', 'nextToken', 'totalSegments', 'segment', 'select']),
    ...renderFilterOption(input.filter, 'scan'),
    ...renderProjection(input.projection),
  };
}

export function sync(payload: unknown): Request {
  const input = requireInput(payload ?? {}, 'sync');
  return {
    operation: 'Sync',
    ...pickPresent(input, ['basePartitionKey', 'deltaIndexName', 'limit', 'nextToken', 'lastSync']),
    ...renderFilterOption(input.filter, 'sync'),
  };
}

export function batchGet(payload: unknown): Request {
  const tables = requireTables(payload, 'batchGet');
  const requestTables: PlainObject = {};
  for (const [table, config] of Object.entries(tables)) {
    const tableInput = requireInput(config, `batchGet (table ${table})`);
    requestTables[table] = {
      keys: requireList(tableInput.keys, `batchGet (table ${table}) keys`).map((key) => convertKey(key, 'batchGet')),
      ...pickPresent(tableInput, ['consistentRead']),
      ...renderProjection(tableInput.projection),
    };
  }
  return { operation: 'BatchGetItem', tables: requestTables };
}

export function batchPut(payload: unknown): Request {
  const tables = requireTables(payload, 'batchPut');
  const requestTables: PlainObject = {};
  for (const [table, items] of Object.entries(tables)) {
    requestTables[table] = requireList(items, `batchPut (table ${table})`).map((item) => convertItem(item, 'batchPut'));
  }
  return { operation: 'BatchPutItem', tables: requestTables };
}

export function batchDelete(payload: unknown): Request {
  const tables = requireTables(payload, 'batchDelete');
  const requestTables: PlainObject = {};
  for (const [table, keys] of Object.entries(tables)) {
    requestTables[table] = requireList(keys, `batchDelete (table ${table})`).map((key) => convertKey(key, 'batchDelete'));
  }
  return { operation: 'BatchDeleteItem', tables: requestTables };
}

export function transactGet(payload: unknown): Request {
  const input = requireInput(payload, 'transactGet');
  const transactItems = requireList(input.items, 'transactGet items').map((entry) => {
    const item = requireInput(entry, 'transactGet item');
    return {
      table: requireTable(item, 'transactGet'),
      key: convertKey(item.key, 'transactGet'),
      ...renderProjection(item.projection),
    };
  });
  return { operation: 'TransactGetItems', transactItems };
}

export function transactWrite(payload: unknown): Request {
  const input = requireInput(payload, 'transactWrite');
  const transactItems = requireList(input.items, 'transactWrite items').map((entry) => buildTransactWriteItem(entry));
  return { operation: 'TransactWriteItems', transactItems };
}

function buildTransactWriteItem(entry: unknown): Request {
  const item = requireInput(entry, 'transactWrite item');
  if (isPlainObject(item.putItem)) {
    const put = item.putItem;
    return {
      table: requireTable(put, 'transactWrite putItem'),
      operation: 'PutItem',
      key: convertKey(put.key, 'transactWrite putItem'),
      attributeValues: convertItem(put.item, 'transactWrite putItem'),
      ...renderCondition(put.condition, 'transactWrite putItem'),
    };
  }
  if (isPlainObject(item.updateItem)) {
    const updateItem = item.updateItem;
    return {
      table: requireTable(updateItem, 'transactWrite updateItem'),
      operation: 'UpdateItem',
      key: convertKey(updateItem.key, 'transactWrite updateItem'),
      update: buildUpdateExpression(updateItem.update),
      ...renderCondition(updateItem.condition, 'transactWrite updateItem'),
    };
  }
  if (isPlainObject(item.deleteItem)) {
    const deleteItem = item.deleteItem;
    return {
      table: requireTable(deleteItem, 'transactWrite deleteItem'),
      operation: 'DeleteItem',
      key: convertKey(deleteItem.key, 'transactWrite deleteItem'),
      ...renderCondition(deleteItem.condition, 'transactWrite deleteItem'),
    };
  }
  if (isPlainObject(item.conditionCheck)) {
    const check = item.conditionCheck;
    return {
      table: requireTable(check, 'transactWrite conditionCheck'),
      operation: 'ConditionCheck',
      key: convertKey(check.key, 'transactWrite conditionCheck'),
      ...renderCondition(check.condition, 'transactWrite conditionCheck'),
    };
  }
  throw new TypeError('transactWrite: each item needs one of putItem, updateItem, deleteItem or conditionCheck');
}

/** { SS: [...] } with the strings as given. */
export function toStringSet(list: unknown): AttributeValue {
  return { SS: requireList(list, 'toStringSet').map((item) => String(item)) };
}

/** { NS: [...] } with each number as a string, e.g. { NS: ["1", "2", "3"] }. */
export function toNumberSet(numbers: unknown): AttributeValue {
  return { NS: requireList(numbers, 'toNumberSet').map((item) => String(item)) };
}

/** { BS: [...] } of Base64 strings. */
export function toBinarySet(values: unknown): AttributeValue {
  return { BS: requireList(values, 'toBinarySet').map((item) => String(item)) };
}

function requireInput(payload: unknown, name: string): PlainObject {
  if (!isPlainObject(payload)) {
    throw new TypeError(`${name}() expects an input object, got ${describeValue(payload)}`);
  }
  return payload;
}

function convertKey(key: unknown, name: string): Record<string, AttributeValue> {
  if (!isPlainObject(key) || Object.keys(key).length === 0) {
    throw new TypeError(`${name}() needs a key object such as { id: value }, got ${describeValue(key)}`);
  }
  return toItemValues(key);
}

function convertItem(item: unknown, name: string): Record<string, AttributeValue> {
  if (item === undefined || item === null) {
    return {};
  }
  if (!isPlainObject(item)) {
    throw new TypeError(`${name}() expects the item to be an object, got ${describeValue(item)}`);
  }
  return toItemValues(item);
}

function requireTables(payload: unknown, name: string): PlainObject {
  const input = requireInput(payload, name);
  if (!isPlainObject(input.tables)) {
    throw new TypeError(`${name}() expects { tables: { tableName: ... } }`);
  }
  return input.tables;
}

function requireTable(item: PlainObject, name: string): string {
  if (typeof item.table !== 'string' || item.table === '') {
    throw new TypeError(`${name} needs a table name`);
  }
  return item.table;
}

function requireList(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new TypeError(`${name} expects a list, got ${describeValue(value)}`);
  }
  return value;
}

function renderCondition(condition: unknown, name: string): { condition?: DynamoDBExpression } {
  if (condition === undefined || condition === null) {
    return {};
  }
  const expression = buildDynamoDBExpression(condition);
  if (expression === null) {
    throw new Error(`${name}(): the condition cannot be turned into a DynamoDB condition expression`);
  }
  return expression.expression === '' ? {} : { condition: expression };
}

function renderFilterOption(filter: unknown, name: string): { filter?: DynamoDBExpression } {
  if (filter === undefined || filter === null) {
    return {};
  }
  const expression = buildDynamoDBExpression(filter);
  if (expression === null) {
    throw new Error(`${name}(): the filter cannot be turned into a DynamoDB filter expression`);
  }
  return expression.expression === '' ? {} : { filter: expression };
}

/** ['id', 'nested.list[1]'] becomes { expression: '#projection_1, #projection_2.#projection_3[1]', ... }. */
function renderProjection(projection: unknown): { projection?: { expression: string; expressionNames: Record<string, string> } } {
  if (!Array.isArray(projection) || projection.length === 0) {
    return {};
  }
  const expressionNames: Record<string, string> = {};
  const tokens = new Map<string, string>();
  const tokenFor = (name: string): string => {
    let token = tokens.get(name);
    if (token === undefined) {
      token = `#projection_${tokens.size + 1}`;
      tokens.set(name, token);
      expressionNames[token] = name;
    }
    return token;
  };
  const paths = projection.map((path) =>
    String(path)
      .split('.')
      .map((segment) => {
        const [, name = segment, indexes = ''] = /^([^[]*)((?:\[\d+\])*)$/.exec(segment) ?? [];
        return `${tokenFor(name)}${indexes}`;
      })
      .join('.'),
  );
  return { projection: { expression: paths.join(', '), expressionNames } };
}
