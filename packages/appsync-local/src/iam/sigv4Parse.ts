// Reads the signature parts of an incoming SigV4 request, from the Authorization header or from
// the X-Amz-* query parameters of a presigned URL. Messages follow the ones AWS front ends give.

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

export interface ParsedSignature {
  form: 'header' | 'query';
  accessKeyId: string;
  scopeDate: string;
  scopeRegion: string;
  scopeService: string;
  signedHeaders: string[];
  signature: string;
  /** The request time, `YYYYMMDDTHHMMSSZ`. */
  amzDate: string;
  /** Presigned URLs only: seconds the URL is valid after `amzDate`. */
  expiresIn?: number;
  securityToken?: string;
}

export type ParseResult =
  { ok: true; parsed: ParsedSignature } | { ok: false; reason: 'missing' | 'malformed' | 'wrongScope'; message: string };

export type LowerCaseHeaders = Record<string, string>;

export const AMZ_DATE_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export function lowerCaseHeaders(headers: Record<string, string | string[] | undefined>): LowerCaseHeaders {
  const out: LowerCaseHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    // Repeated headers are joined with a bare comma, as the canonical request wants them.
    out[name.toLowerCase()] = Array.isArray(value) ? value.map((v) => v.trim()).join(',') : value;
  }
  return out;
}

function firstQueryValue(query: Record<string, string | string[]>, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

export function parseSignature(headers: LowerCaseHeaders, query: Record<string, string | string[]>): ParseResult {
  const authorization = headers['authorization'];
  if (authorization !== undefined) return parseAuthorizationHeader(authorization, headers);
  if (firstQueryValue(query, 'X-Amz-Algorithm') !== undefined) return parsePresignedQuery(query);
  return { ok: false, reason: 'missing', message: 'Missing Authentication Token' };
}

function parseAuthorizationHeader(authorization: string, headers: LowerCaseHeaders): ParseResult {
  const trimmed = authorization.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space === -1 ? trimmed : trimmed.slice(0, space);
  const params = new Map<string, string>();
  if (algorithm === SIGV4_ALGORITHM) {
    for (const part of trimmed.slice(space + 1).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  }
  const amzDate = headers['x-amz-date'];
  const problems: string[] = [];
  if (!params.get('Credential')) problems.push("Authorization header requires 'Credential' parameter.");
  if (!params.get('Signature')) problems.push("Authorization header requires 'Signature' parameter.");
  if (!params.get('SignedHeaders')) problems.push("Authorization header requires 'SignedHeaders' parameter.");
  if (amzDate === undefined) {
    problems.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (problems.length > 0 || amzDate === undefined) {
    return { ok: false, reason: 'malformed', message: `${problems.join(' ')} Authorization=${authorization}` };
  }
  const token = headers['x-amz-security-token'];
  return finishParse({
    form: 'header',
    credential: params.get('Credential') ?? '',
    signedHeaders: params.get('SignedHeaders') ?? '',
    signature: params.get('Signature') ?? '',
    amzDate,
    ...(token === undefined ? {} : { securityToken: token }),
  });
}

function parsePresignedQuery(query: Record<string, string | string[]>): ParseResult {
  const algorithm = firstQueryValue(query, 'X-Amz-Algorithm');
  if (algorithm !== SIGV4_ALGORITHM) {
    return { ok: false, reason: 'malformed', message: `Unsupported algorithm: ${algorithm ?? ''}` };
  }
  const required = ['X-Amz-Credential', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-Expires'];
  const missing = required.filter((name) => !firstQueryValue(query, name));
  if (missing.length > 0) {
    const message = missing.map((name) => `AWS query-string parameters must include '${name}'.`).join(' ');
    return { ok: false, reason: 'malformed', message };
  }
  const expiresIn = Number(firstQueryValue(query, 'X-Amz-Expires'));
  if (!Number.isInteger(expiresIn) || expiresIn < 0) {
    return { ok: false, reason: 'malformed', message: 'X-Amz-Expires must be a non-negative integer.' };
  }
  const token = firstQueryValue(query, 'X-Amz-Security-Token');
  return finishParse({
    form: 'query',
    credential: firstQueryValue(query, 'X-Amz-Credential') ?? '',
    signedHeaders: firstQueryValue(query, 'X-Amz-SignedHeaders') ?? '',
    signature: firstQueryValue(query, 'X-Amz-Signature') ?? '',
    amzDate: firstQueryValue(query, 'X-Amz-Date') ?? '',
    expiresIn,
    ...(token === undefined ? {} : { securityToken: token }),
  });
}

interface RawParts {
  form: 'header' | 'query';
  credential: string;
  signedHeaders: string;
  signature: string;
  amzDate: string;
  expiresIn?: number;
  securityToken?: string;
}

function finishParse(raw: RawParts): ParseResult {
  if (!AMZ_DATE_PATTERN.test(raw.amzDate)) {
    return {
      ok: false,
      reason: 'malformed',
      message: `Date must be in ISO-8601 'basic format'. Got '${raw.amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    };
  }
  const parts = raw.credential.split('/');
  const [accessKeyId, scopeDate, scopeRegion, scopeService, terminator] = parts;
  if (parts.length !== 5 || !accessKeyId || !scopeDate || !scopeRegion || !scopeService || terminator === undefined) {
    return {
      ok: false,
      reason: 'malformed',
      message: `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${raw.credential}'`,
    };
  }
  if (terminator !== 'aws4_request') {
    return {
      ok: false,
      reason: 'wrongScope',
      message: `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`,
    };
  }
  const parsed: ParsedSignature = {
    form: raw.form,
    accessKeyId,
    scopeDate,
    scopeRegion,
    scopeService,
    signedHeaders: raw.signedHeaders.split(';').map((name) => name.trim().toLowerCase()),
    signature: raw.signature.toLowerCase(),
    amzDate: raw.amzDate,
  };
  if (raw.expiresIn !== undefined) parsed.expiresIn = raw.expiresIn;
  if (raw.securityToken !== undefined) parsed.securityToken = raw.securityToken;
  return { ok: true, parsed };
}

export function amzDateToMs(amzDate: string): number {
  const m = AMZ_DATE_PATTERN.exec(amzDate);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

export function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}
