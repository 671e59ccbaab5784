// The one error class of the local SNS. `code` is the query protocol's error code (the SDK maps
// `NotFound` to NotFoundException, `InvalidParameter` to InvalidParameterException …), `status`
// the HTTP status SNS answers it with. Where SNS's wording is known the message is SNS's:
// "Topic does not exist", "Invalid parameter: <what>".
import type { QueryError, QuerySigV4FailureCode } from '../http/awsQuery.ts';

export const ERROR_CODES = {
  notFound: 'NotFound',
  invalidParameter: 'InvalidParameter',
  parameterValueInvalid: 'ParameterValueInvalid',
  authorizationError: 'AuthorizationError',
  invalidAction: 'InvalidAction',
  internal: 'InternalError',
} as const;

export type SnsErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES] | QuerySigV4FailureCode;

export class SnsError extends Error implements QueryError {
  override readonly name = 'SnsError';

  constructor(
    readonly code: SnsErrorCode,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }

  get type(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

export function topicNotFound(): SnsError {
  return new SnsError(ERROR_CODES.notFound, 'Topic does not exist', 404);
}

export function subscriptionNotFound(): SnsError {
  return new SnsError(ERROR_CODES.notFound, 'Subscription does not exist', 404);
}

/** SNS's InvalidParameter: "Invalid parameter: TopicArn", "Invalid parameter: Empty message". */
export function invalidParameter(what: string): SnsError {
  return new SnsError(ERROR_CODES.invalidParameter, `Invalid parameter: ${what}`);
}

/** IAM's refusal, in SNS's words (the action spelt `SNS:Publish`, as SNS's messages spell it). */
export function authorizationError(userArn: string, action: string, resource: string): SnsError {
  const named = `SNS:${action}`;
  return new SnsError(
    ERROR_CODES.authorizationError,
    `User: ${userArn} is not authorized to perform: ${named} on resource: ${resource} because no identity-based policy allows the ${named} action`,
    403,
  );
}
