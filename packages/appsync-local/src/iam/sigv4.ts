// Verifies AWS Signature Version 4 on an incoming HTTP request, as an AWS front end does.
// The canonical request (URI-encoded path, sorted and encoded query) is built by
// @smithy/signature-v4, the same code the AWS SDK signs with; the headers, payload hash, scope
// and clock checks are done here so that only what the client signed is used.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4, createScope, getSigningKey } from '@smithy/signature-v4';
import { Sha256 } from './sha256.ts';
import {
  SIGV4_ALGORITHM,
  amzDateToMs,
  formatAmzDate,
  lowerCaseHeaders,
  parseSignature,
  type LowerCaseHeaders,
  type ParsedSignature,
} from './sigv4Parse.ts';

export { formatAmzDate } from './sigv4Parse.ts';

export interface IamPrincipal {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
  userArn: string;
  username: string;
  sessionToken?: string;
}

/**
 * `path` is the path as received on the wire (still percent-encoded, without the query string);
 * `query` holds the percent-decoded query parameters. Repeated headers may be given as arrays.
 */
export interface IncomingSignedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body: string | Uint8Array;
}

export type SigV4FailureReason = 'missing' | 'malformed' | 'unknownKey' | 'badSignature' | 'expired' | 'wrongScope';

export type SigV4Result = { ok: true; principal: IamPrincipal } | { ok: false; reason: SigV4FailureReason; message: string };

export interface SigV4Options {
  service: string;
  region: string;
  principals: (accessKeyId: string) => IamPrincipal | undefined;
  now?: () => Date;
  /** How far the request time may be from now; AWS allows 5 minutes. */
  maxSkewMs?: number;
}

export const INVALID_SECURITY_TOKEN_MESSAGE = 'The security token included in the request is invalid.';
export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const DEFAULT_MAX_SKEW_MS = 5 * 60 * 1000;

// Only the protected canonicalisation steps are used; the credentials given here never sign.
class CanonicalRequestBuilder extends SignatureV4 {
  constructor() {
    super({ service: 'unused', region: 'unused', credentials: { accessKeyId: '', secretAccessKey: '' }, sha256: Sha256 });
  }

  canonicalRequest(request: HttpRequest, headers: Record<string, string>, payloadHash: string): string {
    return this.createCanonicalRequest(request, headers, payloadHash);
  }

  stringToSign(longDate: string, scope: string, canonicalRequest: string): Promise<string> {
    return this.createStringToSign(longDate, scope, canonicalRequest, SIGV4_ALGORITHM);
  }
}

const builder = new CanonicalRequestBuilder();

function fail(reason: SigV4FailureReason, message: string): SigV4Result {
  return { ok: false, reason, message };
}

export async function verifySigV4(request: IncomingSignedRequest, options: SigV4Options): Promise<SigV4Result> {
  const headers = lowerCaseHeaders(request.headers);
  const parsed = parseSignature(headers, request.query);
  if (!parsed.ok) return parsed;
  const sig = parsed.parsed;

  const principal = options.principals(sig.accessKeyId);
  if (!principal) return fail('unknownKey', INVALID_SECURITY_TOKEN_MESSAGE);

  const scopeProblem = checkScope(sig, options);
  if (scopeProblem) return fail('wrongScope', scopeProblem);

  const nowMs = (options.now?.() ?? new Date()).getTime();
  const timeProblem = checkTime(sig, nowMs, options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS);
  if (timeProblem) return fail('expired', timeProblem);

  if (!sig.signedHeaders.includes('host')) {
    return fail('malformed', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (sig.form === 'header' && sig.securityToken !== undefined && !sig.signedHeaders.includes('x-amz-security-token')) {
    return fail('malformed', "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (principal.sessionToken !== sig.securityToken) {
    return fail('unknownKey', INVALID_SECURITY_TOKEN_MESSAGE);
  }

  const payloadHash = createHash('sha256').update(request.body).digest('hex');
  const declaredHash = sig.form === 'header' ? headers['x-amz-content-sha256'] : undefined;
  if (declaredHash !== undefined && declaredHash !== payloadHash) {
    return fail('badSignature', "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  const expected = await expectedSignature(request, headers, sig, principal, payloadHash);
  const given = Buffer.from(sig.signature, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    return fail('badSignature', SIGNATURE_MISMATCH_MESSAGE);
  }
  return { ok: true, principal };
}

function checkScope(sig: ParsedSignature, options: SigV4Options): string | undefined {
  const day = sig.amzDate.slice(0, 8);
  if (sig.scopeDate !== day) {
    return (
      'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ' +
      `'${sig.scopeDate}' != '${day}', from '${sig.amzDate}'.`
    );
  }
  if (sig.scopeRegion !== options.region) {
    return `Credential should be scoped to a valid region, not '${sig.scopeRegion}'.`;
  }
  if (sig.scopeService !== options.service) {
    return `Credential should be scoped to correct service: '${options.service}'.`;
  }
  return undefined;
}

function checkTime(sig: ParsedSignature, nowMs: number, maxSkewMs: number): string | undefined {
  const requestMs = amzDateToMs(sig.amzDate);
  const minutes = `${Math.round(maxSkewMs / 60000)} min.`;
  const now = formatAmzDate(nowMs);
  if (requestMs > nowMs + maxSkewMs) {
    return `Signature not yet current: ${sig.amzDate} is still later than ${formatAmzDate(nowMs + maxSkewMs)} (${now} + ${minutes})`;
  }
  if (sig.expiresIn !== undefined) {
    return requestMs + sig.expiresIn * 1000 < nowMs ? 'Request has expired' : undefined;
  }
  if (requestMs < nowMs - maxSkewMs) {
    return `Signature expired: ${sig.amzDate} is now earlier than ${formatAmzDate(nowMs - maxSkewMs)} (${now} - ${minutes})`;
  }
  return undefined;
}

function canonicalHeaderValue(value: string): string {
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

async function expectedSignature(
  request: IncomingSignedRequest,
  headers: LowerCaseHeaders,
  sig: ParsedSignature,
  principal: IamPrincipal,
  payloadHash: string,
): Promise<string> {
  const signedHeaders: Record<string, string> = {};
  for (const name of sig.signedHeaders) signedHeaders[name] = canonicalHeaderValue(headers[name] ?? '');
  const query = { ...request.query };
  for (const key of Object.keys(query)) if (key.toLowerCase() === 'x-amz-signature') delete query[key];
  const httpRequest = new HttpRequest({
    method: request.method.toUpperCase(),
    hostname: headers['host'] ?? '',
    path: request.path,
    query,
    headers: signedHeaders,
  });
  const canonical = builder.canonicalRequest(httpRequest, signedHeaders, payloadHash);
  const scope = createScope(sig.scopeDate, sig.scopeRegion, sig.scopeService);
  const stringToSign = await builder.stringToSign(sig.amzDate, scope, canonical);
  const key = await getSigningKey(
    Sha256,
    { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey },
    sig.scopeDate,
    sig.scopeRegion,
    sig.scopeService,
  );
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}
