// How AppSync reports data-source failures to a resolver's response handler.
//
// - A request object AppSync cannot use is a `MappingTemplate` error: "Value for field
//   '$[operation]' not found." for a missing field, "Unsupported element '$[field]'." for a field
//   or operation it does not support.
// - A DynamoDB failure is `DynamoDB:<Exception>` when the exception is modelled in the DynamoDB
//   service model (ConditionalCheckFailedException, ResourceNotFoundException,
//   TransactionCanceledException, ...), and `DynamoDB:DynamoDbException` otherwise (notably
//   ValidationException and AccessDeniedException): AppSync calls DynamoDB through the AWS SDK for
//   Java 2.x, which surfaces unmodelled errors as its generic DynamoDbException. The message is
//   DynamoDB's, followed by the SDK's " (Service: DynamoDb, Status Code: 400, Request ID: …)".
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import type { DataSourceError, DataSourceResponse } from './types.ts';

/** A failure whose AppSync-shaped response is already known (including any `ctx.result`). */
export class DataSourceFailure extends Error {
  override name = 'DataSourceFailure';
  readonly error: DataSourceError;
  readonly result: unknown;

  constructor(error: DataSourceError, result: unknown = null) {
    super(error.message);
    this.error = error;
    this.result = result;
  }
}

export function mappingTemplateError(message: string): DataSourceFailure {
  return new DataSourceFailure({ message, type: 'MappingTemplate' });
}

export function missingFieldError(path: string): DataSourceFailure {
  return mappingTemplateError(`Value for field '${path}' not found.`);
}

export function unsupportedElementError(path: string): DataSourceFailure {
  return mappingTemplateError(`Unsupported element '${path}'.`);
}

/** AppSync's answer to a nextToken it did not issue, or issued for another query. */
export function invalidPaginationTokenError(): DataSourceFailure {
  return new DataSourceFailure({
    message: 'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.',
    type: 'DynamoDB:UserIllegalArgumentException',
  });
}

export function describeDynamoDbError(error: DynamoDBServiceException): DataSourceError {
  // The SDK builds unmodelled errors (ValidationException, ...) as the base class itself.
  const modelled = error.constructor !== DynamoDBServiceException;
  const status = error.$metadata.httpStatusCode ?? 400;
  const requestId = error.$metadata.requestId ?? 'unknown';
  return {
    message: `${error.message} (Service: DynamoDb, Status Code: ${status}, Request ID: ${requestId})`,
    type: modelled ? `DynamoDB:${error.name}` : 'DynamoDB:DynamoDbException',
  };
}

/** Turns anything an operation threw into the response AppSync would hand to the resolver. */
export function toFailureResponse(error: unknown): DataSourceResponse {
  if (error instanceof DataSourceFailure) return { result: error.result, error: error.error };
  if (error instanceof DynamoDBServiceException) return { result: null, error: describeDynamoDbError(error) };
  if (isTransportError(error)) {
    return {
      result: null,
      error: { message: `Unable to execute HTTP request: ${error.message}`, type: 'DynamoDB:SdkClientException' },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { result: null, error: { message: `Internal failure while calling DynamoDB: ${message}`, type: 'InternalFailure' } };
}

function isTransportError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' || error.name === 'TimeoutError' || error.name === 'AbortError';
}
