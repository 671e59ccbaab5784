// The answers API Gateway gives on its own (its "gateway responses"), with the status, the
// `x-amzn-ErrorType` header and the exact body text AWS sends.
import type { SigV4FailureReason } from '../iam/sigv4.ts';

export class GatewayError extends Error {
  override name = 'GatewayError';

  constructor(
    readonly statusCode: number,
    readonly errorType: string,
    /** The body exactly as sent: AWS's spacing differs between gateway and integration errors. */
    readonly body: string,
    /** Integration failures also carry the X-Amzn-Trace-Id header. */
    readonly afterIntegration = false,
  ) {
    super(body);
  }
}

/** The default gateway response template: `{"message":$context.error.messageString}`. */
function gatewayBody(message: string): string {
  return JSON.stringify({ message });
}

/** Unknown resource or method, or an unsigned request to an AWS_IAM method. */
export function missingAuthenticationToken(): GatewayError {
  return new GatewayError(403, 'MissingAuthenticationTokenException', gatewayBody('Missing Authentication Token'));
}

/** A path whose first segment is not a deployed stage. */
export function forbidden(): GatewayError {
  return new GatewayError(403, 'ForbiddenException', gatewayBody('Forbidden'));
}

const SIGNATURE_ERROR_TYPES: Record<Exclude<SigV4FailureReason, 'missing'>, string> = {
  malformed: 'IncompleteSignatureException',
  unknownKey: 'UnrecognizedClientException',
  badSignature: 'InvalidSignatureException',
  wrongScope: 'InvalidSignatureException',
  expired: 'InvalidSignatureException',
};

export function signatureRejected(reason: SigV4FailureReason, message: string): GatewayError {
  if (reason === 'missing') return missingAuthenticationToken();
  return new GatewayError(403, SIGNATURE_ERROR_TYPES[reason], gatewayBody(message));
}

/** IAM denied execute-api:Invoke. AWS writes `Message` here, and masks the account in the ARN. */
export function accessDenied(userArn: string, methodArn: string): GatewayError {
  const masked = methodArn.replace(
    /^(arn:[^:]*:execute-api:[^:]*:)(\d*)(\d{4}):/,
    (_all, start: string, hidden: string, last: string) => `${start}${'*'.repeat(hidden.length)}${last}:`,
  );
  const message = `User: ${userArn} is not authorized to perform: execute-api:Invoke on resource: ${masked}`;
  return new GatewayError(403, 'AccessDeniedException', JSON.stringify({ Message: message }));
}

/** The handler threw, timed out on its own, or returned something that is not a proxy result. */
export function internalServerError(): GatewayError {
  return new GatewayError(502, 'InternalServerErrorException', '{"message": "Internal server error"}', true);
}

/** The integration timeout passed before the handler answered. */
export function endpointRequestTimedOut(): GatewayError {
  return new GatewayError(504, 'InternalServerErrorException', '{"message": "Endpoint request timed out"}', true);
}
