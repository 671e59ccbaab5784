// The answers of AWS's JSON 1.1 protocol, shared by the local services that speak it (EventBridge,
// Secrets Manager): the content type, the status and `__type` of authentication failures, and the
// response itself, with `x-amzn-RequestId` and, on errors, `x-amzn-ErrorType`.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { SigV4FailureReason } from '../iam/sigv4.ts';

export const AWS_JSON_11 = 'application/x-amz-json-1.1';

/** JSON-protocol front ends answer every authentication failure with 400 and one of these. */
export const SIGV4_FAILURE_CODES = {
  missing: 'MissingAuthenticationTokenException',
  malformed: 'IncompleteSignatureException',
  unknownKey: 'UnrecognizedClientException',
  badSignature: 'InvalidSignatureException',
  expired: 'InvalidSignatureException',
  wrongScope: 'InvalidSignatureException',
} as const satisfies Record<SigV4FailureReason, string>;

export type SigV4FailureCode = (typeof SIGV4_FAILURE_CODES)[SigV4FailureReason];

/** Sends `body` as JSON; an error body's `__type` also goes in `x-amzn-ErrorType`. */
export function sendAwsJson(response: ServerResponse, status: number, body: unknown, contentType = AWS_JSON_11): void {
  if (response.headersSent) return;
  const payload = JSON.stringify(body);
  const errorType = status >= 400 && isTyped(body) ? { 'x-amzn-errortype': body.__type } : {};
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
    ...errorType,
  });
  response.end(payload);
}

/** The first value of a header Node may give as a list. */
export function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function isTyped(body: unknown): body is { __type: string } {
  return typeof body === 'object' && body !== null && typeof (body as { __type?: unknown }).__type === 'string';
}
