// Reading a connection's authorization the two ways AppSync accepts it: a `header-<base64url>`
// subprotocol beside `graphql-ws` (Amplify v6, aws-appsync-subscription-link), or the older
// `?header=<base64>&payload=<base64>` query. Either holds the headers of an HTTP request to the
// API; for IAM they are signed for POST /graphql/connect with the payload (`{}`) as its body.
import type { IncomingMessage } from 'node:http';
import type { AuthenticationRequest } from '../auth/index.ts';
import { rawQueryPairs, safeDecode, splitUrl } from '../../http/url.ts';

const HEADER_SUBPROTOCOL = 'header-';

/** The path IAM signatures of a connection are made for. */
export const CONNECT_PATH = '/graphql/connect';

export interface ConnectionAuthorization {
  readonly headers: Record<string, string>;
  /** The signed body: the decoded `payload` query parameter, `{}` when absent. */
  readonly payload: string;
}

export function offeredSubprotocols(request: IncomingMessage): string[] {
  const header = request.headers['sec-websocket-protocol'];
  return (header ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The authorization headers of a connection request; undefined when it carries none that parse. */
export function readConnectionAuthorization(request: IncomingMessage): ConnectionAuthorization | undefined {
  const subprotocol = offeredSubprotocols(request).find((p) => p.startsWith(HEADER_SUBPROTOCOL));
  if (subprotocol) {
    const headers = decodeHeaders(subprotocol.slice(HEADER_SUBPROTOCOL.length));
    return headers && { headers, payload: '{}' };
  }
  const query = new Map(
    rawQueryPairs(splitUrl(request.url ?? '/').rawQuery).map(([name, value]) => [safeDecode(name), safeDecode(value)]),
  );
  const header = query.get('header');
  if (header === undefined) return undefined;
  const headers = decodeHeaders(header);
  const payload = query.get('payload');
  return headers && { headers, payload: payload === undefined ? '{}' : Buffer.from(payload, 'base64').toString('utf8') };
}

export function connectRequest(authorization: ConnectionAuthorization, sourceIp: string): AuthenticationRequest {
  return { method: 'POST', path: CONNECT_PATH, query: {}, headers: authorization.headers, body: authorization.payload, sourceIp };
}

/** The headers of a `start` message's `extensions.authorization`, signed (for IAM) over POST /graphql with the data as body. */
export function startRequest(authorization: unknown, data: string, sourceIp: string): AuthenticationRequest {
  return { method: 'POST', path: '/graphql', query: {}, headers: stringEntries(authorization), body: data, sourceIp };
}

/** base64 or base64url JSON of an object; Node's base64 decoder reads both alphabets. */
function decodeHeaders(encoded: string): Record<string, string> | undefined {
  try {
    return stringEntries(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')));
  } catch {
    return undefined;
  }
}

function stringEntries(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
