// The messages of AppSync's real-time protocol (subprotocol `graphql-ws`), as AppSync words them.
// Server messages are built as strings, but for data: its payload is serialized to bytes once for
// every subscriber that receives the same data, and each subscriber's message is that payload
// between the subscription's own prefix (its id, made once when it starts) and a closing brace.
import type { WireError } from '../execution/errors.ts';
import { REALTIME_LIMITS } from './limits.ts';

export const SUBPROTOCOL = 'graphql-ws';
export const REALTIME_PATH = '/graphql/realtime';

export const MESSAGE_TYPES = {
  connectionInit: 'connection_init',
  connectionAck: 'connection_ack',
  connectionError: 'connection_error',
  keepAlive: 'ka',
  start: 'start',
  startAck: 'start_ack',
  data: 'data',
  error: 'error',
  stop: 'stop',
  complete: 'complete',
} as const;

/** One entry of an error message's `payload.errors`. */
export type ProtocolError =
  | { errorType: string; message: string; errorCode?: number }
  | { message: string; errorCode: number }
  | Pick<WireError, 'message'>
  | WireError;

export function connectionAck(): string {
  return JSON.stringify({
    type: MESSAGE_TYPES.connectionAck,
    payload: { connectionTimeoutMs: REALTIME_LIMITS.connectionTimeoutMs },
  });
}

export const KEEP_ALIVE = JSON.stringify({ type: MESSAGE_TYPES.keepAlive });

export function connectionError(errors: readonly ProtocolError[]): string {
  return JSON.stringify({ type: MESSAGE_TYPES.connectionError, payload: { errors } });
}

export function startAck(id: string): string {
  return JSON.stringify({ type: MESSAGE_TYPES.startAck, id });
}

export function errorMessage(id: string, errors: readonly ProtocolError[]): string {
  return JSON.stringify({ type: MESSAGE_TYPES.error, id, payload: { errors } });
}

export function complete(id: string): string {
  return JSON.stringify({ type: MESSAGE_TYPES.complete, id });
}

/**
 * What a data message of subscription `id` starts with, up to its payload: made once per
 * subscription. A string, not bytes: a small Buffer kept this long would pin the shared 8 KiB
 * slab it was cut from (about 1 KiB more per subscription in bench/fanout.ts's heap figure).
 */
export function dataMessagePrefix(id: string): string {
  return `{"id":${JSON.stringify(id)},"type":"${MESSAGE_TYPES.data}","payload":`;
}

const CLOSING_BRACE = 0x7d;

/** A data message: the subscription's prefix, an already serialized `{ data, errors? }` payload, `}`. */
export function dataMessage(prefix: string, payload: Buffer): Buffer {
  const start = Buffer.byteLength(prefix);
  const message = Buffer.allocUnsafe(start + payload.length + 1);
  message.write(prefix, 0);
  payload.copy(message, start);
  message[message.length - 1] = CLOSING_BRACE;
  return message;
}

/** What AppSync answers a message whose operation it does not serve ("unknown" when it cannot tell). */
export function unsupportedOperation(operation: string): ProtocolError {
  return { errorType: 'UnsupportedOperation', message: `${operation} not supported through the realtime channel` };
}

export function maxSubscriptionsReached(): ProtocolError {
  return {
    errorType: 'MaxSubscriptionsReachedError',
    message: `Max number of ${REALTIME_LIMITS.subscriptionsPerConnection} subscriptions reached`,
  };
}

export function duplicatedOperation(id: string): ProtocolError {
  return { errorType: 'DuplicatedOperationError', message: `Duplicated operation with id ${id}` };
}

/** A client message as far as the protocol reads it: its type, id and payload. */
export interface ClientMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

/** The message, or undefined when the frame is not a JSON object with a string `type`. */
export function parseClientMessage(raw: string): ClientMessage | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { type, id, payload } = parsed as Record<string, unknown>;
  if (typeof type !== 'string') return undefined;
  return { type, ...(typeof id === 'string' ? { id } : {}), payload };
}
