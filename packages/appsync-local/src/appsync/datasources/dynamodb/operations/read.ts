// Query and Scan: ctx.result is `{ items, nextToken, scannedCount }`, nextToken null on the last
// page. Sync belongs to versioned data sources only.
import { QueryCommand, type QueryCommandOutput, ScanCommand, type Select } from '@aws-sdk/client-dynamodb';
import { fromAttributeMap } from '../convert.ts';
import { mappingTemplateError } from '../errors.ts';
import { collectExpressionAttributes, readExpression, readProjection, readRequiredExpression } from '../expressions.ts';
import { type PageScope, decodeNextToken, encodeNextToken } from '../nextToken.ts';
import { COMMON_FIELDS, assertKnownFields, readOptionalBoolean, readOptionalInteger, readOptionalString } from '../request.ts';
import type { DataSourceResponse, JsonObject, OperationContext } from '../types.ts';

const PAGING_FIELDS = ['index', 'nextToken', 'limit', 'consistentRead', 'select', 'filter', 'projection'];

export async function query(context: OperationContext, request: JsonObject): Promise<DataSourceResponse> {
  assertKnownFields(request, '$', [...COMMON_FIELDS, ...PAGING_FIELDS, 'query', 'scanIndexForward']);
  const keyCondition = readRequiredExpression(request, 'query', '$');
  const filter = readExpression(request, 'filter', '$');
  const projection = readProjection(request, '$');
  const scope = describeScope('Query', context, request);
  const output = await context.client.send(
    new QueryCommand({
      TableName: context.tableName,
      IndexName: scope.index,
      KeyConditionExpression: keyCondition.expression,
      FilterExpression: filter?.expression,
      ProjectionExpression: projection?.expression,
      ...collectExpressionAttributes(keyCondition, filter, projection).toParams(),
      ExclusiveStartKey: readStartKey(request, scope),
      Limit: readOptionalInteger(request, 'limit', '$'),
      ScanIndexForward: readOptionalBoolean(request, 'scanIndexForward', '$'),
      ConsistentRead: readOptionalBoolean(request, 'consistentRead', '$'),
      // Passed through as given: DynamoDB's own values, COUNT included, and its own validation.
      Select: readOptionalString(request, 'select', '$') as Select | undefined,
    }),
  );
  return { result: toPage(output, scope) };
}

export async function scan(context: OperationContext, request: JsonObject): Promise<DataSourceResponse> {
  assertKnownFields(request, '$', [...COMMON_FIELDS, ...PAGING_FIELDS, 'segment', 'totalSegments']);
  const filter = readExpression(request, 'filter', '$');
  const projection = readProjection(request, '$');
  const scope = describeScope('Scan', context, request);
  const output = await context.client.send(
    new ScanCommand({
      TableName: context.tableName,
      IndexName: scope.index,
      FilterExpression: filter?.expression,
      ProjectionExpression: projection?.expression,
      ...collectExpressionAttributes(filter, projection).toParams(),
      ExclusiveStartKey: readStartKey(request, scope),
      Limit: readOptionalInteger(request, 'limit', '$'),
      ConsistentRead: readOptionalBoolean(request, 'consistentRead', '$'),
      Select: readOptionalString(request, 'select', '$') as Select | undefined,
      Segment: readOptionalInteger(request, 'segment', '$'),
      TotalSegments: readOptionalInteger(request, 'totalSegments', '$'),
    }),
  );
  return { result: toPage(output, scope) };
}

export async function sync(): Promise<DataSourceResponse> {
  throw mappingTemplateError(
    "Unsupported element '$[operation]'. Sync needs a versioned DynamoDB data source (conflict detection and delta sync), and this data source is not versioned.",
  );
}

function describeScope(operation: PageScope['operation'], context: OperationContext, request: JsonObject): PageScope {
  return { operation, tableName: context.tableName, index: readOptionalString(request, 'index', '$') };
}

function readStartKey(request: JsonObject, scope: PageScope) {
  const nextToken = readOptionalString(request, 'nextToken', '$');
  return nextToken === undefined ? undefined : decodeNextToken(nextToken, scope);
}

function toPage(output: Pick<QueryCommandOutput, 'Items' | 'LastEvaluatedKey' | 'ScannedCount'>, scope: PageScope) {
  return {
    items: (output.Items ?? []).map(fromAttributeMap),
    nextToken: output.LastEvaluatedKey ? encodeNextToken(output.LastEvaluatedKey, scope) : null,
    scannedCount: output.ScannedCount ?? 0,
  };
}
