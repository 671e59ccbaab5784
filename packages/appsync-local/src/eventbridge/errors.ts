// The one error class of the local EventBridge. `code` is the AWS error code (`__type` on the
// wire); `toJSON()` is the body AWS's JSON 1.1 protocol answers with.

export const ERROR_CODES = {
  validation: 'ValidationException',
  invalidEventPattern: 'InvalidEventPatternException',
  serialization: 'SerializationException',
  unknownOperation: 'UnknownOperationException',
  missingAuthenticationToken: 'MissingAuthenticationTokenException',
  incompleteSignature: 'IncompleteSignatureException',
  unrecognizedClient: 'UnrecognizedClientException',
  invalidSignature: 'InvalidSignatureException',
  limitExceeded: 'LimitExceededException',
  /** IAM refused an entry (a PutEvents result entry's ErrorCode). */
  accessDenied: 'AccessDeniedException',
  resourceNotFound: 'ResourceNotFoundException',
  internal: 'InternalException',
} as const;

export type EventBridgeErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export class EventBridgeError extends Error {
  override readonly name = 'EventBridgeError';

  constructor(
    readonly code: EventBridgeErrorCode,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }

  toJSON(): { __type: EventBridgeErrorCode; message: string } {
    return { __type: this.code, message: this.message };
  }
}

export function validationError(message: string): EventBridgeError {
  return new EventBridgeError(ERROR_CODES.validation, message);
}

export function invalidPattern(reason: string): EventBridgeError {
  return new EventBridgeError(ERROR_CODES.invalidEventPattern, `Event pattern is not valid. Reason: ${reason}`);
}
