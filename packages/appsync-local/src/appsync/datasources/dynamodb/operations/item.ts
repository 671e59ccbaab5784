// GetItem, PutItem, UpdateItem and DeleteItem.
//
// ctx.result: GetItem → the item or null; PutItem → the item written (key + attributeValues);
// UpdateItem → the item after the update (ALL_NEW); DeleteItem → the deleted item (ALL_OLD), null
// when there was none.
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { itemsEqual } from '../compare.ts';
import { fromAttributeMap } from '../convert.ts';
import { describeDynamoDbError } from '../errors.ts';
import {
  type Condition,
  type Expression,
  collectExpressionAttributes,
  readCondition,
  readProjection,
  readRequiredExpression,
} from '../expressions.ts';
import {
  COMMON_FIELDS,
  assertKnownFields,
  readOptionalAttributeMap,
  readOptionalBoolean,
  readRequiredAttributeMap,
} from '../request.ts';
import type { AttributeMap, DataSourceResponse, JsonObject, OperationContext } from '../types.ts';

// Fields for versioned data sources (conflict detection, delta sync). This local data source is
// not versioned, so they are accepted and have no effect.
const VERSIONING_FIELDS = ['customPartitionKey', 'populateIndexFields', '_version'];

export async function getItem(context: OperationContext, request: JsonObject): Promise<DataSourceResponse> {
  assertKnownFields(request, '$', [...COMMON_FIELDS, 'key', 'consistentRead', 'projection']);
  const key = readRequiredAttributeMap(request, 'key', '$');
  const projection = readProjection(request, '$');
  const output = await context.client.send(
    new GetItemCommand({
      TableName: context.tableName,
      Key: key,
      ConsistentRead: readOptionalBoolean(request, 'consistentRead', '$'),
      ProjectionExpression: projection?.expression,
      ...collectExpressionAttributes(projection).toParams(),
    }),
  );
  return { result: output.Item ? fromAttributeMap(output.Item) : null };
}

export async function putItem(context: OperationContext, request: JsonObject): Promise<DataSourceResponse> {
  assertKnownFields(request, '$', [...COMMON_FIELDS, 'key', 'attributeValues', 'condition', ...VERSIONING_FIELDS]);
  const key = readRequiredAttributeMap(request, 'key', '$');
  const item: AttributeMap = { ...readOptionalAttributeMap(request, 'attributeValues', '$'), ...key };
  const condition = readCondition(request, '$');
  try {
    await context.client.send(new PutItemCommand({ TableName: context.tableName, Item: item, ...describeCondition(condition) }));
    return { result: fromAttributeMap(item) };
  } catch (error) {
    if (condition && error instanceof ConditionalCheckFailedException) {
      return settleFailedCondition('PutItem', condition, error, item);
    }
    throw error;
  }
}

export async function updateItem(context: OperationContext, request: JsonObject): Promise<DataSourceResponse> {
  assertKnownFields(request, '$', [...COMMON_FIELDS, 'key', 'update', 'condition', ...VERSIONING_FIELDS]);
  const key = readRequiredAttributeMap(request, 'key', '$');
  const update = readRequiredExpression(request, 'update', '$');
  const condition = readCondition(request, '$');
  try {
    const output = await context.client.send(
      new UpdateItemCommand({
        TableName: context.tableName,
        Key: key,
        UpdateExpression: update.expression,
        ReturnValues: 'ALL_NEW',
        ...describeCondition(condition, update),
      }),
    );
    return { result: output.Attributes ? fromAttributeMap(output.Attributes) : null };
  } catch (error) {
    if (condition && error instanceof ConditionalCheckFailedException) {
      return settleFailedCondition('UpdateItem', condition, error);
    }
    throw error;
  }
}

export async function deleteItem(context: OperationContext, request: JsonObject): Promise<DataSourceResponse> {
  assertKnownFields(request, '$', [...COMMON_FIELDS, 'key', 'condition', ...VERSIONING_FIELDS]);
  const key = readRequiredAttributeMap(request, 'key', '$');
  const condition = readCondition(request, '$');
  try {
    const output = await context.client.send(
      new DeleteItemCommand({
        TableName: context.tableName,
        Key: key,
        ReturnValues: 'ALL_OLD',
        ...describeCondition(condition),
      }),
    );
    return { result: output.Attributes ? fromAttributeMap(output.Attributes) : null };
  } catch (error) {
    if (condition && error instanceof ConditionalCheckFailedException) {
      return settleFailedCondition('DeleteItem', condition, error);
    }
    throw error;
  }
}

function describeCondition(condition: Condition | undefined, update?: Expression) {
  const attributes = collectExpressionAttributes(update, condition).toParams();
  if (condition === undefined) return attributes;
  return {
    ...attributes,
    ConditionExpression: condition.expression,
    // The current item comes back with the failure, in place of the read AppSync makes after it.
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
}

/**
 * AppSync's handling of a failed condition: a PutItem whose desired item is already there
 * (ignoring `equalsIgnore`) and a DeleteItem whose item is already gone count as successes;
 * anything else is rejected with the current item as ctx.result.
 */
function settleFailedCondition(
  operation: 'PutItem' | 'UpdateItem' | 'DeleteItem',
  condition: Condition,
  failure: ConditionalCheckFailedException,
  desired?: AttributeMap,
): DataSourceResponse {
  const current = failure.Item;
  const currentJson = current ? fromAttributeMap(current) : null;
  if (operation === 'PutItem' && current && desired && itemsEqual(current, desired, condition.equalsIgnore)) {
    return { result: currentJson };
  }
  if (operation === 'DeleteItem' && !current) return { result: null };
  const rejection = describeDynamoDbError(failure);
  if (condition.strategy === 'Custom') {
    return {
      result: currentJson,
      error: {
        message: `${rejection.message}. The conditionalCheckFailedHandler strategy 'Custom' invokes a Lambda function, which the local AppSync runtime does not do: the failure is reported as with 'Reject'.`,
        type: rejection.type,
      },
    };
  }
  return { result: currentJson, error: rejection };
}
