// The HTTP side of the local AppSync endpoint: POST (and GET) /graphql with AppSync's request
// handling: body checks, authentication before anything runs, CORS for browsers, and the
// response headers AppSync sends.
import { ACCEPT_BACKLOG } from '../tls/dualServer.ts';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthenticatedRequest } from './auth/index.ts';
import type { GraphQLEngine, GraphQLRequest } from './execution/engine.ts';
import { RequestError } from './execution/errors.ts';
import { readBodyWithin } from '../http/body.ts';
import { isLoopbackOrigin } from '../http/loopback.ts';
import { httpServerTimeoutOptions, LISTENER_TIMEOUTS, type ListenerTimeouts } from '../http/listenerTimeouts.ts';
import { signatureQuery, splitUrl } from '../http/url.ts';

/** AppSync's limit on a request's size. */
export const DEFAULT_MAX_REQUEST_BYTES = 5 * 1024 * 1024;

export interface IncomingGraphQLHttpRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  sourceIp: string;
}

export type AuthenticateRequest = (
  request: IncomingGraphQLHttpRequest,
) => Promise<{ ok: true; auth: AuthenticatedRequest } | { ok: false; status: number; body: unknown }>;

export interface GraphQLHttpHandlerOptions {
  engine: GraphQLEngine;
  authenticate: AuthenticateRequest;
  environmentVariables: Readonly<Record<string, string>>;
  maxRequestBytes?: number;
  /** Other routes of the same server (the explorer, the real-time endpoint …). */
  fallback?: (request: IncomingMessage, response: ServerResponse) => void;
}

/**
 * CORS for /graphql, for pages of this machine only (`isLoopbackOrigin`): AppSync answers any
 * origin with `*`, which locally would let a page of any site use the local API.
 */
const CORS_HEADERS = {
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype, x-amz-apigw-id, date',
  'access-control-max-age': '86400',
};

export function createGraphQLHttpHandler(options: GraphQLHttpHandlerOptions) {
  const maxBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/graphql') {
      if (options.fallback) return options.fallback(request, response);
      return send(response, 404, { errors: [{ errorType: 'NotFound', message: 'Not Found' }] });
    }
    if (isLoopbackOrigin(firstOf(request.headers.origin))) {
      response.setHeader('access-control-allow-origin', firstOf(request.headers.origin)!);
      for (const [name, value] of Object.entries(CORS_HEADERS)) response.setHeader(name, value);
    }
    response.setHeader('vary', 'Origin');
    if (request.method === 'OPTIONS') return send(response, 200, null);
    try {
      if (request.method !== 'POST' && request.method !== 'GET') {
        throw new RequestError(405, 'MethodNotAllowedException', `Method ${request.method} is not allowed.`);
      }
      const body = request.method === 'POST' ? await readBody(request, maxBytes) : '';
      const { rawPath, rawQuery } = splitUrl(request.url ?? '/');
      const incoming: IncomingGraphQLHttpRequest = {
        method: request.method,
        // SigV4 signs the path as sent (still percent-encoded) and the decoded query values.
        path: rawPath,
        query: signatureQuery(rawQuery),
        headers: request.headers,
        body,
        sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      };
      const authentication = await options.authenticate(incoming);
      if (!authentication.ok) return send(response, authentication.status, authentication.body);
      const graphqlRequest = request.method === 'POST' ? parseBody(body) : parseQueryString(url.searchParams);
      const operation = options.engine.operationOf(graphqlRequest);
      if (operation?.operation === 'subscription') {
        throw new RequestError(
          400,
          'BadRequestException',
          'Subscriptions are served over the real-time WebSocket endpoint, not HTTP.',
        );
      }
      const { body: result, headers } = await options.engine.execute(graphqlRequest, {
        auth: authentication.auth,
        headers: flattenHeaders(request.headers),
        domainName: null,
        env: options.environmentVariables,
        variables: graphqlRequest.variables ?? {},
      });
      return send(response, 200, result, headers);
    } catch (error) {
      if (error instanceof RequestError) return send(response, error.status, error.toJSON());
      console.error('local AppSync: unexpected error', error);
      return send(response, 500, { errors: [{ errorType: 'InternalFailure', message: 'An internal failure occurred.' }] });
    }
  };
}

export function parseBody(body: string): GraphQLRequest {
  if (body.trim() === '') throw new RequestError(400, 'MalformedHttpRequestException', 'Request body is empty.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw unparsable();
  }
  return toGraphQLRequest(parsed);
}

function parseQueryString(params: URLSearchParams): GraphQLRequest {
  let variables: unknown = undefined;
  const rawVariables = params.get('variables');
  if (rawVariables) {
    try {
      variables = JSON.parse(rawVariables);
    } catch {
      throw unparsable();
    }
  }
  return toGraphQLRequest({ query: params.get('query'), variables, operationName: params.get('operationName') });
}

function toGraphQLRequest(value: unknown): GraphQLRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw unparsable();
  const { query, variables, operationName } = value as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') throw unparsable();
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    throw unparsable();
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') throw unparsable();
  return {
    query,
    variables: (variables as Record<string, unknown> | null | undefined) ?? null,
    operationName: (operationName as string | null | undefined) ?? null,
  };
}

function unparsable(): RequestError {
  return new RequestError(400, 'MalformedHttpRequestException', 'Unable to parse GraphQL query.');
}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const body = await readBodyWithin(request, maxBytes);
  if (body === undefined) throw tooLarge(maxBytes);
  return body.toString('utf8');
}

function tooLarge(maxBytes: number): RequestError {
  return new RequestError(413, 'PayloadTooLargeException', `The request is larger than ${maxBytes} bytes.`);
}

function firstOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (response.headersSent) return;
  const payload = body === null ? '' : JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
    ...(status >= 400 && body && typeof body === 'object' ? errorTypeHeader(body) : {}),
  });
  response.end(payload);
}

function errorTypeHeader(body: object): Record<string, string> {
  const errorType = (body as { errors?: { errorType?: string }[] }).errors?.[0]?.errorType;
  return errorType ? { 'x-amzn-errortype': errorType } : {};
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

/** Listens on host:port (port 0 picks a free one). */
export function listen(
  handler: (request: IncomingMessage, response: ServerResponse) => void | Promise<void>,
  port: number,
  host = '127.0.0.1',
  timeouts: Partial<ListenerTimeouts> = {},
): Promise<RunningServer> {
  // headersTimeout also closes a connection that never sends a byte: node:http counts it from the connection.
  const server = createServer(
    httpServerTimeoutOptions({ ...LISTENER_TIMEOUTS, ...timeouts }),
    (request, response) => void handler(request, response),
  );
  return new Promise((done, fail) => {
    server.once('error', fail);
    // As the shared port: a deep accept queue, so that idle clients are accepted and timed out.
    server.listen({ port, host, backlog: ACCEPT_BACKLOG }, () => {
      server.off('error', fail);
      const actual = (server.address() as AddressInfo).port;
      done({
        url: `http://${host}:${actual}`,
        port: actual,
        server,
        close: () =>
          new Promise<void>((closed) => {
            server.closeAllConnections();
            server.close(() => closed());
          }),
      });
    });
  });
}
