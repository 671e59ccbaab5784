// How long a client of any local listener may take before its connection is closed. Every
// service of the local stack shares one process, so a client that opens sockets and sends
// nothing (or sends headers a byte at a time) must not keep them, and their memory, forever.
//
// node:http measures `headersMs` from the moment it is handed the connection, so a plain server
// closes a socket that never sends a byte once that time is up (answering 408 first if it can).
// The shared HTTP/TLS port (`listenHttpAndTls`) holds each new socket itself until its first byte
// says which protocol it speaks; `firstByteMs` bounds that wait, and `handshakeMs` the TLS
// handshake after it. Upgraded connections (WebSockets) are the real-time endpoint's to time out.
import type { ServerOptions } from 'node:http';

export interface ListenerTimeouts {
  /** A new connection on the shared HTTP/TLS port must send its first byte within this. */
  readonly firstByteMs: number;
  /** A TLS handshake must complete within this (Node's default: 120 s). */
  readonly handshakeMs: number;
  /** A request's headers must have arrived within this of the connection or of the previous response (Node's default: 60 s). */
  readonly headersMs: number;
  /** A whole request, body included, must have arrived within this (Node's default: 300 s). */
  readonly requestMs: number;
  /** An idle keep-alive connection is closed after this (longer than clients' usual idle timeouts, so the client closes first). */
  readonly keepAliveMs: number;
}

export const LISTENER_TIMEOUTS: ListenerTimeouts = {
  firstByteMs: 10_000,
  handshakeMs: 10_000,
  headersMs: 10_000,
  requestMs: 60_000,
  keepAliveMs: 65_000,
};

/** The node:http (and node:https) server options that apply `timeouts`. */
export function httpServerTimeoutOptions(timeouts: ListenerTimeouts): ServerOptions {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: Math.max(timeouts.requestMs, timeouts.headersMs),
    keepAliveTimeout: timeouts.keepAliveMs,
    // How often node:http looks for connections past headersTimeout or requestTimeout (its default, 30 s,
    // would let a socket outlive a 10 s limit threefold).
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(timeouts.headersMs / 4))),
  };
}
