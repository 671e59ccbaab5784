// One port that speaks both plain HTTP and TLS, as the API's has to: Amplify v6 turns the
// `http://…/graphql` endpoint into `wss://…/graphql/realtime` on the same host and port. Each
// connection's first byte decides: 0x16 (a TLS handshake record) goes to an https.Server, anything
// else to an http.Server; both share one request handler and one `upgrade` handler.
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { httpServerTimeoutOptions, LISTENER_TIMEOUTS, type ListenerTimeouts } from '../http/listenerTimeouts.ts';

/** The shared port's accept queue: idle or slow clients beyond it would wait unseen (see listen). */
export const ACCEPT_BACKLOG = 4096;

/** A TLS record of type handshake: what a ClientHello starts with. */
const TLS_HANDSHAKE = 0x16;

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;
/** The `upgrade` event of node:http and node:https: the socket is the caller's from here on. */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface DualServerOptions {
  port: number;
  host?: string;
  request: RequestHandler;
  upgrade: UpgradeHandler;
  tls: { certificatePem: string; privateKeyPem: string };
  /** Defaults: `LISTENER_TIMEOUTS` (shorter ones for tests). */
  timeouts?: Partial<ListenerTimeouts>;
}

export interface RunningDualServer {
  /** `http://host:port` */
  readonly url: string;
  /** `https://host:port`: the same port. */
  readonly tlsUrl: string;
  readonly port: number;
  /** The two servers connections are handed to; `servers.http` and `servers.https` emit `request` and `upgrade`. */
  readonly servers: { readonly http: HttpServer; readonly https: HttpsServer };
  close(): Promise<void>;
}

export function listenHttpAndTls(options: DualServerOptions): Promise<RunningDualServer> {
  const host = options.host ?? '127.0.0.1';
  const onRequest = (request: IncomingMessage, response: ServerResponse): void => void options.request(request, response);
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => options.upgrade(request, socket, head);
  const timeouts = { ...LISTENER_TIMEOUTS, ...options.timeouts };
  const http = createHttpServer(httpServerTimeoutOptions(timeouts), onRequest);
  const https = createHttpsServer(
    {
      cert: options.tls.certificatePem,
      key: options.tls.privateKeyPem,
      handshakeTimeout: timeouts.handshakeMs,
      ...httpServerTimeoutOptions(timeouts),
    },
    onRequest,
  );
  for (const server of [http, https]) {
    server.on('upgrade', onUpgrade);
    // node:http starts watching its connections' headersTimeout and requestTimeout on 'listening';
    // these two never listen (the router hands them connections), so they are told they do.
    server.emit('listening');
  }
  // A failed handshake (a client that does not trust the certificate) ends that connection only.
  https.on('tlsClientError', (_error, socket) => socket.destroy());

  const sockets = new Set<Socket>();
  const router = createNetServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // A reset before the first byte (or under TLS) ends this connection only.
    const dropped = (): void => void socket.destroy();
    socket.on('error', dropped);
    // Until its first byte no server of node's watches this socket: it is timed out here.
    socket.setTimeout(timeouts.firstByteMs, dropped);
    socket.once('data', (first: Buffer) => {
      socket.setTimeout(0);
      socket.off('timeout', dropped);
      socket.pause();
      socket.unshift(first);
      if (first[0] === TLS_HANDSHAKE) {
        // The TLS socket reads what is buffered here (the ClientHello) itself, then the handle;
        // resuming would hand the buffer to no one. This socket stays under it, errors included.
        https.emit('connection', socket);
      } else {
        socket.off('error', dropped);
        http.emit('connection', socket);
        socket.resume();
      }
    });
  });

  return new Promise((done, fail) => {
    router.once('error', fail);
    // A deep accept queue: past Node's default of 511 the kernel holds further connections
    // half-open, out of the first-byte timeout's reach (capped by net.core.somaxconn).
    router.listen({ port: options.port, host, backlog: ACCEPT_BACKLOG }, () => {
      router.off('error', fail);
      const port = (router.address() as AddressInfo).port;
      const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
      done({
        url: `http://${authority}`,
        tlsUrl: `https://${authority}`,
        port,
        servers: { http, https },
        close: () =>
          new Promise<void>((closed) => {
            // The two servers never listen themselves: every connection, upgraded ones included,
            // is one of the router's.
            for (const socket of sockets) socket.destroy();
            // Stops their connection checks; they were never listening, so the error is expected.
            for (const server of [http, https]) server.close(() => undefined);
            router.close(() => closed());
          }),
      });
    });
  });
}

/** An `upgrade` handler for a server with no WebSocket endpoint: 404, and the connection closed. */
export const refuseUpgrade: UpgradeHandler = (_request, socket) => {
  // After an upgrade node:http no longer listens for the socket's errors.
  socket.on('error', () => socket.destroy());
  socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
};
