// BatchGetItem, BatchPutItem and BatchDeleteItem.
//
// ctx.result: `data` holds, per table and in request order, the item read / item written / key
// deleted, or null for one not read or not processed; `unprocessedKeys` (`unprocessedItems` for
// BatchPutItem) holds, per table, what DynamoDB left unprocessed. Every requested table appears in
// both. Unprocessed work is not retried: AppSync hands it to the resolver.
import type { AttributeValue, KeysAndAttributes, WriteRequest } from '@aws-sdk/client-dynamodb';
import { BatchGetItemCommand, BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { describeMapCanonically } from '../compare.ts';
import { fromAttributeMap, toAttributeMap } from '../convert.ts';
import { type Expression, collectExpressionAttributes, readProjection } from '../expressions.ts';
import {
  COMMON_FIELDS,
  assertKnownFields,
  expectObject,
  fieldPath,
  readOptionalBoolean,
  readRequiredArray,
  readRequiredObject,
} from '../request.ts';
import type { AttributeMap, DataSourceResponse, JsonObject, OperationContext } from '../types.ts';

interface TableRead {
  keys: AttributeMap[];
  keyNames: string[];
  projection: Expression | undefined;
  /** Key attributes added to the projection only to match items to keys; removed afterwards. */
  addedKeyNames: string[];
}

export async function batchGetItem(context: OperationContext, request: JsonObject): Promise<DataSourceResponse> {
  // `projection` at the top level is how @aws-appsync/utils types it; the docs put it per table.
  assertKnownFields(request, '$', [...COMMON_FIELDS, 'tables', 'projection']);
  const tables = readRequiredObject(request, 'tables', '$');
  const sharedProjection = readProjection(request, '$');
  const reads = new Map<string, TableRead>();
  const requestItems: Record<string, KeysAndAttributes> = {};
  for (const [table, spec] of Object.entries(tables)) {
    const path = fieldPath('$[tables]', table);
    // The docs' example gives the list of keys directly; the documented type wraps it in `keys`.
    const options: JsonObject = Array.isArray(spec) ? { keys: spec } : expectObject(spec, path);
    assertKnownFields(options, path, ['keys', 'consistentRead', 'projection']);
    const keys = readRequiredArray(options, 'keys', path).map((key, index) =>
      toAttributeMap(key, fieldPath(fieldPath(path, 'keys'), index)),
    );
    const keyNames = Object.keys(keys[0] ?? {});
    const projection = readProjection(options, path) ?? sharedProjection;
    const addedKeyNames = projection ? keyNames.filter((name) => !projectsTopLevel(projection, name)) : [];
    reads.set(table, { keys, keyNames, projection, addedKeyNames });
    requestItems[table] = {
      Keys: keys,
      ConsistentRead: readOptionalBoolean(options, 'consistentRead', path),
      ...describeProjection(projection, addedKeyNames),
    };
  }
  const output = await context.client.send(new BatchGetItemCommand({ RequestItems: requestItems }));
  const data: Record<string, (JsonObject | null)[]> = {};
  const unprocessedKeys: Record<string, JsonObject[]> = {};
  for (const [table, read] of reads) {
    const found = new Map<string, AttributeMap>();
    for (const item of output.Responses?.[table] ?? []) found.set(describeMapCanonically(item, read.keyNames), item);
    data[table] = read.keys.map((key) => {
      const item = found.get(describeMapCanonically(key, read.keyNames));
      return item ? fromAttributeMap(omit(item, read.addedKeyNames)) : null;
    });
    unprocessedKeys[table] = (output.UnprocessedKeys?.[table]?.Keys ?? []).map(fromAttributeMap);
  }
  return { result: { data, unprocessedKeys } };
}

export async function batchPutItem(context: OperationContext, request: JsonObject): Promise<DataSourceResponse> {
  const entries = readTableLists(request);
  const output = await context.client.send(
    new BatchWriteItemCommand({
      RequestItems: mapTables(entries, (items) => items.map((Item) => ({ PutRequest: { Item } }))),
    }),
  );
  const data: Record<string, (JsonObject | null)[]> = {};
  const unprocessedItems: Record<string, JsonObject[]> = {};
  for (const [table, items] of entries) {
    const unprocessed = (output.UnprocessedItems?.[table] ?? []).flatMap((write) =>
      write.PutRequest?.Item ? [write.PutRequest.Item] : [],
    );
    const left = new Set(unprocessed.map((item) => describeMapCanonically(item)));
    data[table] = items.map((item) => (left.has(describeMapCanonically(item)) ? null : fromAttributeMap(item)));
    unprocessedItems[table] = unprocessed.map(fromAttributeMap);
  }
  return { result: { data, unprocessedItems } };
}

export async function batchDeleteItem(context: OperationContext, request: JsonObject): Promise<DataSourceResponse> {
  const entries = readTableLists(request);
  const output = await context.client.send(
    new BatchWriteItemCommand({
      RequestItems: mapTables(entries, (keys) => keys.map((Key) => ({ DeleteRequest: { Key } }))),
    }),
  );
  const data: Record<string, (JsonObject | null)[]> = {};
  const unprocessedKeys: Record<string, JsonObject[]> = {};
  for (const [table, keys] of entries) {
    const unprocessed = (output.UnprocessedItems?.[table] ?? []).flatMap((write) =>
      write.DeleteRequest?.Key ? [write.DeleteRequest.Key] : [],
    );
    const left = new Set(unprocessed.map((key) => describeMapCanonically(key)));
    data[table] = keys.map((key) => (left.has(describeMapCanonically(key)) ? null : fromAttributeMap(key)));
    unprocessedKeys[table] = unprocessed.map(fromAttributeMap);
  }
  return { result: { data, unprocessedKeys } };
}

/** `tables: { [table]: [typed item or key, ...] }` of BatchPutItem and BatchDeleteItem. */
function readTableLists(request: JsonObject): [string, AttributeMap[]][] {
  assertKnownFields(request, '$', [...COMMON_FIELDS, 'tables']);
  const tables = readRequiredObject(request, 'tables', '$');
  return Object.keys(tables).map((table) => {
    const list = readRequiredArray(tables, table, '$[tables]');
    const path = fieldPath('$[tables]', table);
    return [table, list.map((entry, index) => toAttributeMap(entry, fieldPath(path, index)))];
  });
}

function mapTables(
  entries: [string, AttributeMap[]][],
  toRequests: (maps: AttributeMap[]) => WriteRequest[],
): Record<string, WriteRequest[]> {
  return Object.fromEntries(entries.map(([table, maps]) => [table, toRequests(maps)]));
}

function describeProjection(projection: Expression | undefined, addedKeyNames: string[]) {
  if (projection === undefined) return {};
  const placeholders: Record<string, string> = {};
  addedKeyNames.forEach((name, index) => (placeholders[`#appsyncLocalKey${index}`] = name));
  const expression = [projection.expression, ...Object.keys(placeholders)].join(', ');
  return {
    ProjectionExpression: expression,
    ...collectExpressionAttributes(projection, { expression, names: placeholders }).toParams(),
  };
}

/** Whether a projection names the attribute itself (not just a path inside it). */
function projectsTopLevel(projection: Expression, attribute: string): boolean {
  return projection.expression.split(',').some((path) => {
    const top = (path.trim().split(/[.[]/)[0] ?? '').trim();
    const name = top.startsWith('#') ? projection.names?.[top] : top;
    return name === attribute && path.trim() === top;
  });
}

function omit(item: AttributeMap, names: string[]): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !names.includes(name)));
}
