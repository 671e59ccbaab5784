// The AWS query protocol, for the local services that speak it (SNS), as @aws-sdk/core's
// AwsQueryProtocol sends and reads it: a form-encoded POST body whose `Action` names the
// operation, lists and maps flattened into numbered names (`Tags.member.1.Key`,
// `Attributes.entry.1.key`), and XML answers: `<ActionResponse><ActionResult>…</ActionResult>
// <ResponseMetadata><RequestId>` on success, `<ErrorResponse><Error><Type><Code><Message>` with the
// error's status otherwise (the SDK picks the exception class by `Code`).
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { SigV4FailureReason } from '../iam/sigv4.ts';

export const AWS_QUERY_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const XML_CONTENT_TYPE = 'text/xml';

/** How query-protocol front ends (SNS, SQS before JSON, STS, IAM) refuse a request's signature. */
export const QUERY_SIGV4_FAILURES = {
  missing: { code: 'MissingAuthenticationToken', status: 403 },
  malformed: { code: 'IncompleteSignature', status: 400 },
  unknownKey: { code: 'InvalidClientTokenId', status: 403 },
  badSignature: { code: 'SignatureDoesNotMatch', status: 403 },
  expired: { code: 'SignatureDoesNotMatch', status: 403 },
  wrongScope: { code: 'SignatureDoesNotMatch', status: 403 },
} as const satisfies Record<SigV4FailureReason, { code: string; status: number }>;

export type QuerySigV4FailureCode = (typeof QUERY_SIGV4_FAILURES)[SigV4FailureReason]['code'];

/**
 * A value of an XML answer: text, a nested element, or a list (each item in a `<member>`, as the
 * query protocol's non-flattened lists are). Undefined fields are left out.
 */
export type XmlValue = string | number | boolean | undefined | XmlValue[] | { readonly [name: string]: XmlValue };

/** The parameters of a request body (or a query string): `+` and `%20` both decode to a space. */
export function parseQueryParameters(text: string): URLSearchParams {
  return new URLSearchParams(text);
}

/**
 * The items of a flattened list or map, in index order: `Tags.member.N.…` (wrapper `member`) or
 * `Attributes.entry.N.…` (wrapper `entry`). Each item reads its own fields: `item('Key')`,
 * `item('Value.DataType')`.
 */
export function flattenedItems(
  params: URLSearchParams,
  name: string,
  wrapper: 'member' | 'entry',
): ((field: string) => string | undefined)[] {
  const prefix = `${name}.${wrapper}.`;
  const indexes = new Set<number>();
  for (const key of params.keys()) {
    if (!key.startsWith(prefix)) continue;
    const index = Number(key.slice(prefix.length).split('.')[0]);
    if (Number.isSafeInteger(index) && index > 0) indexes.add(index);
  }
  return [...indexes]
    .sort((a, b) => a - b)
    .map((index) => (field: string) => params.get(`${prefix}${index}.${field}`) ?? undefined);
}

/** A flattened map of strings (`Attributes.entry.N.key` / `.value`) as an object. */
export function flattenedMap(
  params: URLSearchParams,
  name: string,
  keyField = 'key',
  valueField = 'value',
): Record<string, string> {
  const map: Record<string, string> = {};
  for (const item of flattenedItems(params, name, 'entry')) {
    const key = item(keyField);
    if (key !== undefined) map[key] = item(valueField) ?? '';
  }
  return map;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`);
}

export function toXml(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `<${name}>${value.map((item) => toXml('member', item)).join('')}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([child, text]) => toXml(child, text))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<{action}Response xmlns><{action}Result>…</…><ResponseMetadata><RequestId>…`; no result element for an empty result. */
export function sendQueryResult(
  response: ServerResponse,
  action: string,
  xmlns: string,
  result: Readonly<Record<string, XmlValue>> | undefined,
): void {
  const requestId = randomUUID();
  const resultXml = result === undefined ? '' : toXml(`${action}Result`, result);
  sendXml(
    response,
    200,
    `<${action}Response xmlns="${xmlns}">${resultXml}` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
    requestId,
  );
}

export interface QueryError {
  readonly status: number;
  /** `Sender` for the caller's mistakes, `Receiver` for the service's own faults. */
  readonly type: 'Sender' | 'Receiver';
  readonly code: string;
  readonly message: string;
}

export function sendQueryError(response: ServerResponse, xmlns: string, error: QueryError): void {
  const requestId = randomUUID();
  sendXml(
    response,
    error.status,
    `<ErrorResponse xmlns="${xmlns}">${toXml('Error', { Type: error.type, Code: error.code, Message: error.message })}` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
    requestId,
  );
}

function sendXml(response: ServerResponse, status: number, body: string, requestId: string): void {
  if (response.headersSent) return;
  const payload = `<?xml version="1.0"?>\n${body}`;
  response.writeHead(status, {
    'content-type': XML_CONTENT_TYPE,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': requestId,
  });
  response.end(payload);
}
