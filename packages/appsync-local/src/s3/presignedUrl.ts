// The signature of a presigned (query-string SigV4) S3 URL, checked as S3 checks it. s3rver 3.7.1
// checks a presigned URL's expiry but not its signature, so without this a URL whose X-Amz-Expires
// or key was edited would still be served.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface PresignedRequest {
  method: string;
  /** The path as received on the wire, still percent-encoded (S3 does not encode it again). */
  rawPath: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
}

export type PresignedCheck = 'notPresigned' | 'unknownKey' | 'valid' | 'signatureDoesNotMatch';

const ALGORITHM = 'AWS4-HMAC-SHA256';
const REQUIRED = ['X-Amz-Credential', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Signature'] as const;

export const SIGNATURE_DOES_NOT_MATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.';

/**
 * 'notPresigned' (no query-string SigV4, or a malformed one: s3rver answers those) and
 * 'unknownKey' (s3rver answers InvalidAccessKeyId) are left to s3rver; expiry too.
 */
export function checkPresignedSignature(
  request: PresignedRequest,
  secretOf: (accessKeyId: string) => string | undefined,
): PresignedCheck {
  const { query } = request;
  if (query.get('X-Amz-Algorithm') !== ALGORITHM || REQUIRED.some((name) => !query.has(name))) return 'notPresigned';
  const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] = (query.get('X-Amz-Credential') ?? '').split(
    '/',
  );
  if (terminator !== 'aws4_request') return 'notPresigned';
  const secret = secretOf(accessKeyId);
  if (secret === undefined) return 'unknownKey';

  const signedHeaders = (query.get('X-Amz-SignedHeaders') ?? '').split(';');
  const canonicalQuery = [...query.entries()]
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort(([a, aValue], [b, bValue]) => (a === b ? compare(aValue, bValue) : compare(a, b)))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${headerValue(request.headers[name])}\n`).join('');
  const canonicalRequest = [
    request.method.toUpperCase(),
    request.rawPath,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders.join(';'),
    query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [ALGORITHM, query.get('X-Amz-Date'), scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${secret}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
  const given = Buffer.from(query.get('X-Amz-Signature') ?? '');
  return expected.length === given.length && timingSafeEqual(expected, given) ? 'valid' : 'signatureDoesNotMatch';
}

function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function headerValue(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text.trim().replace(/\s+/g, ' ');
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}
