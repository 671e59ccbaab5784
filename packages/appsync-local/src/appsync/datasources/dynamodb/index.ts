// The AMAZON_DYNAMODB data source of the local AppSync runtime: performs the request object an
// APPSYNC_JS resolver's request() returned against DynamoDB (Local), and answers with what AppSync
// hands the response handler as ctx.result and ctx.error. It never rejects: a bad request and a
// DynamoDB failure are both answers, because the resolver decides whether to raise them.
import { isJsonObject } from './convert.ts';
import { mappingTemplateError, missingFieldError, toFailureResponse, unsupportedElementError } from './errors.ts';
import { createLeanDynamoDbClient } from './leanClient.ts';
import { batchDeleteItem, batchGetItem, batchPutItem } from './operations/batch.ts';
import { deleteItem, getItem, putItem, updateItem } from './operations/item.ts';
import { query, scan, sync } from './operations/read.ts';
import { transactGetItems, transactWriteItems } from './operations/transact.ts';
import type { DataSourceResponse, Operation, OperationContext } from './types.ts';

export type { DataSourceError, DataSourceResponse } from './types.ts';

export interface DynamoDbDataSourceConfig {
  /** The data source's table: requests that name no table use it. */
  tableName: string;
  region: string;
  /** For example DynamoDB Local's http://127.0.0.1:PORT. */
  endpoint: string;
  /** Default: dummy credentials, which DynamoDB Local accepts. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface DynamoDbDataSource {
  invoke(request: unknown): Promise<DataSourceResponse>;
  close(): void;
}

const OPERATIONS: Record<string, Operation> = {
  GetItem: getItem,
  PutItem: putItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  Query: query,
  Scan: scan,
  Sync: sync,
  BatchGetItem: batchGetItem,
  BatchPutItem: batchPutItem,
  BatchDeleteItem: batchDeleteItem,
  TransactGetItems: transactGetItems,
  TransactWriteItems: transactWriteItems,
};

export function createDynamoDbDataSource(config: DynamoDbDataSourceConfig): DynamoDbDataSource {
  const client = createLeanDynamoDbClient({
    region: config.region,
    endpoint: config.endpoint,
    credentials: config.credentials ?? { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const context: OperationContext = { client, tableName: config.tableName };
  return {
    async invoke(request: unknown): Promise<DataSourceResponse> {
      try {
        return await performRequest(context, request);
      } catch (error) {
        return toFailureResponse(error);
      }
    },
    close(): void {
      client.destroy();
    },
  };
}

async function performRequest(context: OperationContext, request: unknown): Promise<DataSourceResponse> {
  const object = serializeAsAppSyncDoes(request);
  const operation = object.operation;
  if (operation === undefined || operation === null) throw missingFieldError('$[operation]');
  const perform = typeof operation === 'string' && Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
  if (perform === undefined) throw unsupportedElementError('$[operation]');
  return perform(context, object);
}

/**
 * AppSync receives the request object as JSON: undefined fields vanish, dates become strings.
 * Going through JSON here gives every operation exactly what AppSync would have read.
 */
function serializeAsAppSyncDoes(request: unknown): Record<string, unknown> {
  let parsed: unknown;
  try {
    const json = JSON.stringify(request);
    parsed = json === undefined ? undefined : JSON.parse(json);
  } catch (error) {
    throw mappingTemplateError(`The request object is not valid JSON: ${(error as Error).message}`);
  }
  if (!isJsonObject(parsed)) throw mappingTemplateError('The request object must be a JSON object.');
  return parsed;
}
