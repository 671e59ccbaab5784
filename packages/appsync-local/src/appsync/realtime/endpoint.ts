// The real-time endpoint of an API: WebSocket upgrades at /graphql/realtime with the `graphql-ws`
// subprotocol, its connections and subscriptions, and publishing. It attaches to any node:http or
// node:https server through `handleUpgrade`.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { AUTH_MESSAGES, type AuthenticationResult, type Authenticator } from '../auth/index.ts';
import type { GraphQLEngine } from '../execution/engine.ts';
import type { MutationEvent } from '../execution/subscription.ts';
import { RealtimeConnection } from './connection.ts';
import { connectRequest, offeredSubprotocols, readConnectionAuthorization } from './handshake.ts';
import { DEFAULT_TIMERS, REALTIME_LIMITS } from './limits.ts';
import { REALTIME_PATH, SUBPROTOCOL } from './messages.ts';
import { Publisher } from './publisher.ts';
import { SubscriptionRegistry } from './registry.ts';

export interface RealtimeOptions {
  /** How often "ka" is sent (AppSync's clients expect one at least every minute). */
  keepAliveIntervalMs?: number;
  /** How long a connection may stay silent before its first message. */
  connectionInitTimeoutMs?: number;
}

export interface RealtimeStats {
  connections: number;
  subscriptions: number;
}

export interface RealtimeEndpoint {
  /** For a server's 'upgrade' event: serves /graphql/realtime and answers 404 to other paths. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Publishes a mutation's results and invalidations; resolves once delivered. */
  publish(event: MutationEvent): Promise<void>;
  /** Resolves once every event published so far has been delivered. */
  settled(): Promise<void>;
  stats(): RealtimeStats;
  /** Closes every connection (close code 1001), dropping their subscriptions. */
  closeAll(): void;
}

export function createRealtimeEndpoint(options: {
  engine: GraphQLEngine;
  authenticator: Authenticator;
  environmentVariables: Readonly<Record<string, string>>;
  realtime?: RealtimeOptions;
}): RealtimeEndpoint {
  const registry = new SubscriptionRegistry();
  const publisher = new Publisher(options.engine.schema, options.engine, registry);
  const connections = new Set<RealtimeConnection>();
  const context = {
    engine: options.engine,
    authenticator: options.authenticator,
    registry,
    environmentVariables: options.environmentVariables,
    keepAliveIntervalMs: options.realtime?.keepAliveIntervalMs ?? DEFAULT_TIMERS.keepAliveIntervalMs,
    connectionInitTimeoutMs: options.realtime?.connectionInitTimeoutMs ?? DEFAULT_TIMERS.connectionInitTimeoutMs,
  };
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: REALTIME_LIMITS.inboundMessageBytes,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });

  return {
    handleUpgrade(request, socket, head) {
      socket.on('error', () => socket.destroy());
      if (new URL(request.url ?? '/', 'http://localhost').pathname !== REALTIME_PATH)
        return refuseUpgrade(socket, 404, 'Not Found');
      if (!offeredSubprotocols(request).includes(SUBPROTOCOL)) return refuseUpgrade(socket, 400, 'Bad Request');
      const sourceIp = request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
      const authorization = readConnectionAuthorization(request);
      const auth = authorization
        ? options.authenticator.authenticate(connectRequest(authorization, sourceIp)).catch(() => NO_VALID_HEADER)
        : Promise.resolve(NO_VALID_HEADER);
      sockets.handleUpgrade(request, socket, head, (ws) => {
        const connection = new RealtimeConnection(ws, socket, auth, sourceIp, context, (closed) => connections.delete(closed));
        connections.add(connection);
      });
    },
    publish: (event) => publisher.publish(event),
    settled: () => publisher.settled(),
    stats: () => ({ connections: connections.size, subscriptions: registry.size }),
    closeAll() {
      for (const connection of [...connections]) connection.close();
    },
  };
}

/** Serves an API's real-time endpoint on a server of one's own (HTTP or HTTPS). */
export function attachRealtime(server: HttpServer | HttpsServer, endpoint: Pick<RealtimeEndpoint, 'handleUpgrade'>): void {
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => endpoint.handleUpgrade(request, socket, head));
}

const NO_VALID_HEADER: AuthenticationResult = {
  ok: false,
  status: 401,
  body: { errors: [{ errorType: 'UnauthorizedException', message: AUTH_MESSAGES.noValidHeader }] },
};

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
