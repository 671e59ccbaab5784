import { util } from '@aws-appsync/utils';

/** The errorType strings clients see, from resolvers and from data sources alike. */
export const ErrorType = {
  BadRequest: 'BadRequest',
  NotFound: 'NotFound',
  Conflict: 'Conflict',
  ServiceUnavailable: 'ServiceUnavailable',
  Internal: 'InternalFailure',
} as const;

/** The errorType of a DynamoDB write whose condition did not hold. */
export const CONDITION_FAILED = 'DynamoDB:ConditionalCheckFailedException';

interface DataSourceContext {
  error?: { message: string; type: string } | null;
  result: unknown;
}

/**
 * Ends every response handler: a data-source error becomes a GraphQL error with the data
 * source's message and type; otherwise the result passes through.
 */
export function resultOrError<T>(ctx: DataSourceContext): T {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  return ctx.result as T;
}
