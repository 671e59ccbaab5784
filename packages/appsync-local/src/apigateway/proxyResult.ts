// Turns what a proxy handler returned into the HTTP response API Gateway sends, or refuses it as
// API Gateway does ("Malformed Lambda proxy response"): every field is optional (`{}` is a 200
// with no body), but no other field is allowed and each must have its type.
import { isBinaryMediaType } from './mediaTypes.ts';

export type InterpretedResult =
  { ok: true; statusCode: number; headers: [string, string][]; body: Buffer } | { ok: false; problem: string };

export interface ResultOptions {
  /** The request's Accept header: a base64 body is decoded only when it names a binary media type. */
  accept: string | undefined;
  binaryMediaTypes: readonly string[];
}

const FIELDS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);
// Sent on under another name so they cannot break the gateway's own framing.
const REMAPPED = new Map(
  ['Connection', 'Content-Length', 'Date', 'Server'].map((name) => [name.toLowerCase(), `x-amzn-Remapped-${name}`]),
);
const DROPPED = new Set(['transfer-encoding']);

type Fields = Record<string, unknown>;

export function interpretProxyResult(payload: unknown, options: ResultOptions): InterpretedResult {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, problem: 'the result is not a JSON object' };
  }
  const result = payload as Fields;
  const unknown = Object.keys(result).filter((key) => !FIELDS.has(key));
  if (unknown.length > 0) return { ok: false, problem: `unexpected field(s) ${unknown.join(', ')}` };

  const statusCode = statusCodeOf(result.statusCode);
  if (statusCode === undefined)
    return { ok: false, problem: `statusCode ${JSON.stringify(result.statusCode)} is not an HTTP status` };
  const headers = mergedHeaders(result.headers, result.multiValueHeaders);
  if (typeof headers === 'string') return { ok: false, problem: headers };
  if (result.body !== undefined && result.body !== null && typeof result.body !== 'string') {
    return { ok: false, problem: 'body is not a string' };
  }
  const encoded = result.isBase64Encoded ?? false;
  if (typeof encoded !== 'boolean') return { ok: false, problem: 'isBase64Encoded is not a boolean' };

  const text = result.body ?? '';
  const binary = encoded && isBinaryMediaType(options.accept, options.binaryMediaTypes);
  return { ok: true, statusCode, headers: gatewayHeaders(headers), body: Buffer.from(text, binary ? 'base64' : 'utf8') };
}

function statusCodeOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return 200;
  const code = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 599 ? code : undefined;
}

const isHeaderValue = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `headers` and `multiValueHeaders` together; for a name in both, only multiValueHeaders counts. */
function mergedHeaders(single: unknown, multi: unknown): [string, string][] | string {
  if (single !== undefined && single !== null && !isRecord(single)) return 'headers is not an object';
  if (multi !== undefined && multi !== null && !isRecord(multi)) return 'multiValueHeaders is not an object';
  const lines: [string, string][] = [];
  const fromMulti = new Set<string>();
  for (const [name, values] of Object.entries(multi ?? {})) {
    if (values === null) continue;
    if (!Array.isArray(values) || !values.every(isHeaderValue)) return `multiValueHeaders.${name} is not a list of values`;
    fromMulti.add(name.toLowerCase());
    for (const value of values) lines.push([name, String(value)]);
  }
  for (const [name, value] of Object.entries(single ?? {})) {
    if (value === null || fromMulti.has(name.toLowerCase())) continue;
    if (!isHeaderValue(value)) return `headers.${name} is not a string`;
    lines.push([name, String(value)]);
  }
  return lines;
}

function gatewayHeaders(lines: [string, string][]): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of lines) {
    const key = name.toLowerCase();
    if (DROPPED.has(key)) continue;
    out.push([REMAPPED.get(key) ?? name, value]);
  }
  if (!out.some(([name]) => name.toLowerCase() === 'content-type')) out.unshift(['Content-Type', 'application/json']);
  return out;
}
