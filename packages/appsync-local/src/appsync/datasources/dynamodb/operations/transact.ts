// TransactGetItems and TransactWriteItems.
//
// ctx.result: TransactGetItems → `{ items, cancellationReasons }` (items in request order, null for
// one not found); TransactWriteItems → `{ keys, cancellationReasons }` (the request items' keys).
// When DynamoDB cancels the transaction, ctx.error is DynamoDB:TransactionCanceledException and
// ctx.result is `{ items: null | keys: null, cancellationReasons: [{ type, message, item? }] }`,
// one reason per request item, in order.
import {
  type CancellationReason,
  type TransactWriteItem,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { fromAttributeMap } from '../convert.ts';
import { DataSourceFailure, describeDynamoDbError, missingFieldError, unsupportedElementError } from '../errors.ts';
import {
  type TransactCondition,
  collectExpressionAttributes,
  readProjection,
  readRequiredExpression,
  readTransactCondition,
} from '../expressions.ts';
import {
  COMMON_FIELDS,
  assertKnownFields,
  expectObject,
  fieldPath,
  readOptionalAttributeMap,
  readRequiredArray,
  readRequiredAttributeMap,
  readRequiredString,
} from '../request.ts';
import type { AttributeMap, DataSourceResponse, JsonObject, OperationContext } from '../types.ts';

export async function transactGetItems(context: OperationContext, request: JsonObject): Promise<DataSourceResponse> {
  assertKnownFields(request, '$', [...COMMON_FIELDS, 'transactItems']);
  const gets = readRequiredArray(request, 'transactItems', '$').map((entry, index) => {
    const path = fieldPath('$[transactItems]', index);
    const item = expectObject(entry, path);
    assertKnownFields(item, path, ['table', 'key', 'projection']);
    const projection = readProjection(item, path);
    return {
      Get: {
        TableName: readRequiredString(item, 'table', path),
        Key: readRequiredAttributeMap(item, 'key', path),
        ProjectionExpression: projection?.expression,
        ...collectExpressionAttributes(projection).toParams(),
      },
    };
  });
  try {
    const output = await context.client.send(new TransactGetItemsCommand({ TransactItems: gets }));
    const items = (output.Responses ?? []).map((response) => (response.Item ? fromAttributeMap(response.Item) : null));
    return { result: { items, cancellationReasons: null } };
  } catch (error) {
    throw describeCancellation(error, 'items');
  }
}

export async function transactWriteItems(context: OperationContext, request: JsonObject): Promise<DataSourceResponse> {
  assertKnownFields(request, '$', [...COMMON_FIELDS, 'transactItems']);
  const writes = readRequiredArray(request, 'transactItems', '$').map((entry, index) =>
    readTransactWrite(entry, fieldPath('$[transactItems]', index)),
  );
  try {
    await context.client.send(new TransactWriteItemsCommand({ TransactItems: writes.map((write) => write.item) }));
    return { result: { keys: writes.map((write) => fromAttributeMap(write.key)), cancellationReasons: null } };
  } catch (error) {
    throw describeCancellation(error, 'keys');
  }
}

function readTransactWrite(entry: unknown, path: string): { key: AttributeMap; item: TransactWriteItem } {
  const write = expectObject(entry, path);
  const operation = readRequiredString(write, 'operation', path);
  const TableName = readRequiredString(write, 'table', path);
  const common = ['table', 'operation', 'key', 'condition'];
  switch (operation) {
    case 'PutItem': {
      assertKnownFields(write, path, [...common, 'attributeValues']);
      const key = readRequiredAttributeMap(write, 'key', path);
      const Item = { ...readOptionalAttributeMap(write, 'attributeValues', path), ...key };
      return { key, item: { Put: { TableName, Item, ...describeCondition(readTransactCondition(write, path)) } } };
    }
    case 'UpdateItem': {
      assertKnownFields(write, path, [...common, 'update']);
      const key = readRequiredAttributeMap(write, 'key', path);
      const update = readRequiredExpression(write, 'update', path);
      const condition = readTransactCondition(write, path);
      const Update = {
        TableName,
        Key: key,
        UpdateExpression: update.expression,
        ...describeCondition(condition),
        ...collectExpressionAttributes(update, condition).toParams(),
      };
      return { key, item: { Update } };
    }
    case 'DeleteItem': {
      assertKnownFields(write, path, common);
      const key = readRequiredAttributeMap(write, 'key', path);
      return { key, item: { Delete: { TableName, Key: key, ...describeCondition(readTransactCondition(write, path)) } } };
    }
    case 'ConditionCheck': {
      assertKnownFields(write, path, common);
      const key = readRequiredAttributeMap(write, 'key', path);
      const condition = readTransactCondition(write, path);
      if (condition === undefined) throw missingFieldError(fieldPath(path, 'condition'));
      const ConditionCheck = {
        TableName,
        Key: key,
        ...describeCondition(condition),
        ConditionExpression: condition.expression,
      };
      return { key, item: { ConditionCheck } };
    }
    default:
      throw unsupportedElementError(fieldPath(path, 'operation'));
  }
}

/** The condition parts of a transact item; an Update adds its own expression's placeholders. */
function describeCondition(condition: TransactCondition | undefined) {
  if (condition === undefined) return {};
  return {
    ConditionExpression: condition.expression,
    ReturnValuesOnConditionCheckFailure: condition.returnValuesOnConditionCheckFailure ? ('ALL_OLD' as const) : ('NONE' as const),
    ...collectExpressionAttributes(condition).toParams(),
  };
}

function describeCancellation(error: unknown, resultField: 'items' | 'keys'): unknown {
  if (!(error instanceof TransactionCanceledException)) return error;
  const cancellationReasons = (error.CancellationReasons ?? []).map(describeReason);
  return new DataSourceFailure(describeDynamoDbError(error), { [resultField]: null, cancellationReasons });
}

function describeReason(reason: CancellationReason): JsonObject {
  // AppSync reports an item that caused no failure as { type: 'None', message: 'None' }.
  const described: JsonObject = { type: reason.Code ?? 'None', message: reason.Message ?? 'None' };
  if (reason.Item) described.item = fromAttributeMap(reason.Item);
  return described;
}
