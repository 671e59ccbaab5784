// AppSync's real-time protocol as the explorer speaks it: the auth header every message carries,
// the `header-…` subprotocol it is sent in when connecting, and the messages both ways.
// https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html
import type { FetcherResult, GraphQLRequestBody, HeaderMap } from './fetcher.ts';

export const GRAPHQL_WS_SUBPROTOCOL = 'graphql-ws';

/** What AppSync reads the caller's auth from: `host` plus `Authorization` or `x-api-key`. */
export type RealtimeAuthHeader = Record<string, string>;

export interface RealtimeError {
  message?: string;
  errorType?: string;
  errorCode?: number;
}

export type ServerMessage =
  | { type: 'connection_ack'; payload?: { connectionTimeoutMs?: number } }
  | { type: 'connection_error'; payload?: { errors?: RealtimeError[] } }
  | { type: 'ka' }
  | { type: 'start_ack'; id: string }
  | { type: 'data'; id: string; payload: FetcherResult }
  | { type: 'error'; id?: string; payload?: { errors?: RealtimeError[] } }
  | { type: 'complete'; id: string };

export type ClientMessage =
  | { type: 'connection_init' }
  | { type: 'start'; id: string; payload: { data: string; extensions: { authorization: RealtimeAuthHeader } } }
  | { type: 'stop'; id: string };

/**
 * The request's headers as AppSync's clients send them in the auth header: the `host` of the
 * GraphQL endpoint, `Authorization` spelt as AppSync documents it, every other header as given.
 */
export function realtimeAuthHeader(headers: HeaderMap, graphqlHost: string): RealtimeAuthHeader {
  const header: RealtimeAuthHeader = { host: graphqlHost };
  for (const [name, value] of Object.entries(headers)) {
    header[name.toLowerCase() === 'authorization' ? 'Authorization' : name] = value;
  }
  return header;
}

/** `header-` and the auth header's JSON in base64url without padding (`=` is not allowed in a subprotocol). */
export function headerSubprotocol(header: RealtimeAuthHeader): string {
  const bytes = new TextEncoder().encode(JSON.stringify(header));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `header-${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

export function startMessage(id: string, request: GraphQLRequestBody, header: RealtimeAuthHeader): ClientMessage {
  const { query, variables, operationName } = request;
  const data = JSON.stringify({ query, variables: variables ?? {}, ...(operationName ? { operationName } : {}) });
  return { type: 'start', id, payload: { data, extensions: { authorization: header } } };
}

/** The message, or undefined when the text is not one the explorer understands. */
export function parseServerMessage(text: unknown): ServerMessage | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const message: unknown = JSON.parse(text);
    if (typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string') {
      return message as ServerMessage;
    }
  } catch {
    // reported by the caller as an unreadable message
  }
  return undefined;
}

/** An `errors` payload as a result GraphiQL shows, with a fallback message when the server gave none. */
export function errorsResult(errors: readonly RealtimeError[] | undefined, fallback: string): FetcherResult {
  const shown = errors && errors.length > 0 ? errors : [{ message: fallback }];
  return { errors: shown } as unknown as FetcherResult;
}
