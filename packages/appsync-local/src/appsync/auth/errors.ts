// The HTTP answers AppSync gives when it cannot authenticate a request, before any resolver runs.
import type { SigV4FailureReason } from '../../iam/sigv4.ts';
import type { AuthFailure } from './types.ts';

export const MESSAGES = {
  noValidHeader: 'Valid authorization header not provided.',
  unparsableJwt: 'Unable to parse JWT token.',
  tokenExpired: 'Token has expired.',
  apiKeyRejected: 'You are not authorized to make this call.',
} as const;

export function authFailure(status: number, errorType: string, message: string): AuthFailure {
  return { ok: false, status, body: { errors: [{ errorType, message }] } };
}

export function unauthorized(message: string): AuthFailure {
  return authFailure(401, 'UnauthorizedException', message);
}

// A stale signature is a 400 BadRequestException on AppSync (unlike API Gateway's
// InvalidSignatureException); bad signatures and unknown keys are 403s as on other AWS front ends.
const IAM_FAILURES: Record<SigV4FailureReason, { status: number; errorType: string }> = {
  missing: { status: 401, errorType: 'UnauthorizedException' },
  malformed: { status: 403, errorType: 'IncompleteSignatureException' },
  unknownKey: { status: 403, errorType: 'UnrecognizedClientException' },
  badSignature: { status: 403, errorType: 'InvalidSignatureException' },
  wrongScope: { status: 403, errorType: 'InvalidSignatureException' },
  expired: { status: 400, errorType: 'BadRequestException' },
};

export function iamFailure(reason: SigV4FailureReason, message: string): AuthFailure {
  const { status, errorType } = IAM_FAILURES[reason];
  return authFailure(status, errorType, reason === 'missing' ? MESSAGES.noValidHeader : message);
}
