// The one error class of the local Secrets Manager. `code` is the AWS error code (`__type` on the
// wire); `toJSON()` is the body AWS's JSON 1.1 protocol answers with. The messages are AWS's.
import type { SigV4FailureCode } from '../http/awsJson.ts';

export const ERROR_CODES = {
  resourceNotFound: 'ResourceNotFoundException',
  accessDenied: 'AccessDeniedException',
  invalidParameter: 'InvalidParameterException',
  validation: 'ValidationException',
  serialization: 'SerializationException',
  unknownOperation: 'UnknownOperationException',
  internal: 'InternalServiceError',
} as const;

export type SecretsManagerErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES] | SigV4FailureCode;

export class SecretsManagerError extends Error {
  override readonly name = 'SecretsManagerError';

  constructor(
    readonly code: SecretsManagerErrorCode,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }

  toJSON(): { __type: SecretsManagerErrorCode; message: string } {
    return { __type: this.code, message: this.message };
  }
}

export function secretNotFound(): SecretsManagerError {
  return new SecretsManagerError(ERROR_CODES.resourceNotFound, "Secrets Manager can't find the specified secret.");
}

export function versionNotFound(by: { versionId: string } | { versionStage: string }): SecretsManagerError {
  const what = 'versionId' in by ? `VersionId: ${by.versionId}` : `staging label: ${by.versionStage}`;
  return new SecretsManagerError(
    ERROR_CODES.resourceNotFound,
    `Secrets Manager can't find the specified secret value for ${what}`,
  );
}

/** IAM's refusal; AWS names the resource as the caller gave the SecretId. */
export function accessDenied(userArn: string, action: string, resource: string): SecretsManagerError {
  return new SecretsManagerError(
    ERROR_CODES.accessDenied,
    `User: ${userArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  );
}
