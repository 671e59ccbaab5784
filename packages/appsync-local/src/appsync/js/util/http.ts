// util.http: copying request headers for an HTTP data source, and adding custom response
// headers to the GraphQL response (written to the current invocation).
import { type InvocationHost } from '../invocation.ts';
import { isPlainObject, type PlainObject } from './values.ts';

/** Hop-by-hop and framing headers that copyHeaders leaves out. */
const NOT_COPIED = [
  'transfer-encoding',
  'connection',
  'host',
  'expect',
  'keep-alive',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'content-length',
];
/** Names a resolver may not set as response headers, on top of NOT_COPIED. */
const NOT_SETTABLE = [
  ...NOT_COPIED,
  'access-control-allow-credentials',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'access-control-max-age',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'vary',
  'content-type',
];
const RESTRICTED_PREFIXES = ['x-amzn-', 'x-amz-'];
const MAX_CUSTOM_HEADER_BYTES = 4096;
const ERROR_TYPE = 'ResponseHeaderError';

/** A copy of the headers without the restricted hop-by-hop ones (names compared case-insensitively). */
export function copyHeaders(headers: unknown): PlainObject {
  const copy: PlainObject = {};
  if (!isPlainObject(headers)) {
    return copy;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!NOT_COPIED.includes(name.toLowerCase())) {
      copy[name] = value;
    }
  }
  return copy;
}

/**
 * Sets one response header; the latest value for a name wins. A header AppSync refuses (empty
 * or restricted name, null value, over 4 KB in total) is skipped and reported as an appended
 * ResponseHeaderError, as AppSync reports it in the response's errors.
 */
export function addResponseHeader(host: InvocationHost, name: unknown, value: unknown): void {
  const invocation = host.current();
  const problem = findHeaderProblem(name, value);
  if (problem !== undefined) {
    invocation.appendedErrors.push({ message: problem, errorType: ERROR_TYPE, data: null, errorInfo: null });
    return;
  }
  const headerName = name as string;
  const headers = invocation.responseHeaders;
  const previous = Object.keys(headers).find((existing) => existing.toLowerCase() === headerName.toLowerCase());
  const text = formatHeaderValue(value);
  if (countCustomHeaderBytes(headers, previous) + countBytes(headerName) + countBytes(text) > MAX_CUSTOM_HEADER_BYTES) {
    invocation.appendedErrors.push({
      message: `Response header ${headerName} was not added: custom response headers exceed 4 KB`,
      errorType: ERROR_TYPE,
      data: null,
      errorInfo: null,
    });
    return;
  }
  if (previous !== undefined) {
    delete headers[previous];
  }
  headers[headerName] = text;
}

/** addResponseHeader for each entry of the map. */
export function addResponseHeaders(host: InvocationHost, headers: unknown): void {
  if (!isPlainObject(headers)) {
    return;
  }
  for (const [name, value] of Object.entries(headers)) {
    addResponseHeader(host, name, value);
  }
}

function findHeaderProblem(name: unknown, value: unknown): string | undefined {
  if (typeof name !== 'string' || name.trim() === '') {
    return 'Response header name must not be empty';
  }
  const lower = name.toLowerCase();
  if (NOT_SETTABLE.includes(lower) || RESTRICTED_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
    return `Response header ${name} is restricted and cannot be set`;
  }
  if (value === null || value === undefined) {
    return `Response header ${name} has a null value`;
  }
  return undefined;
}

function formatHeaderValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function countCustomHeaderBytes(headers: Record<string, string>, excluded: string | undefined): number {
  return Object.entries(headers)
    .filter(([name]) => name !== excluded)
    .reduce((total, [name, value]) => total + countBytes(name) + countBytes(value), 0);
}

function countBytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
