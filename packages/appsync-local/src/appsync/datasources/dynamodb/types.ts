import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** What the resolver's response handler sees as `ctx.error`. */
export interface DataSourceError {
  message: string;
  type: string;
}

/** What the resolver's response handler sees as `ctx.result` and `ctx.error`. */
export interface DataSourceResponse {
  result: unknown;
  error?: DataSourceError;
}

export type AttributeMap = Record<string, AttributeValue>;

export type JsonObject = Record<string, unknown>;

/** The part of the SDK client an operation needs. */
export type DynamoDbSender = Pick<DynamoDBClient, 'send'>;

export interface OperationContext {
  readonly client: DynamoDbSender;
  /** The data source's table: single-item, Query and Scan requests use it. */
  readonly tableName: string;
}

export type Operation = (context: OperationContext, request: JsonObject) => Promise<DataSourceResponse>;
