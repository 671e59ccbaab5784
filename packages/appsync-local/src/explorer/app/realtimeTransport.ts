// Subscriptions for GraphiQL over AppSync's real-time WebSocket endpoint, with the browser's
// WebSocket. Each running subscription has a connection of its own: connect with the auth header
// in the `header-…` subprotocol, `connection_init` → `connection_ack`, `start` (the same auth
// header in `extensions.authorization`) → `start_ack`; then every `data` message is a result in
// the result pane, and an `error` message ends the subscription with its errors. Stopping sends
// `stop`, waits for `complete`, and closes.
import type { FetcherResult, GraphQLRequestBody, SubscriptionTransport } from './fetcher.ts';
import {
  type ClientMessage,
  errorsResult,
  GRAPHQL_WS_SUBPROTOCOL,
  headerSubprotocol,
  parseServerMessage,
  type RealtimeAuthHeader,
  realtimeAuthHeader,
  type ServerMessage,
  startMessage,
} from './realtimeProtocol.ts';
import { ResultStream } from './resultStream.ts';

export interface RealtimeTransportOptions {
  realtimeUrl: string;
  /** The GraphQL endpoint: its host is the auth header's `host`, as AppSync expects. */
  graphqlUrl: string;
}

export interface RealtimeTransport {
  subscribe: SubscriptionTransport;
  /** Stops every running subscription (the auth mode, the user or the tab changed). */
  stopAll(): void;
}

/** AppSync's when `connection_ack` names none. */
const DEFAULT_CONNECTION_TIMEOUT_MS = 300_000;
/** How long a stopped subscription waits for `complete` before closing anyway. */
const STOP_TIMEOUT_MS = 1000;
const NORMAL_CLOSURE = 1000;

export function createRealtimeTransport(options: RealtimeTransportOptions): RealtimeTransport {
  const running = new Set<RealtimeSubscription>();
  const host = new URL(options.graphqlUrl).host;
  return {
    subscribe: (request, headers) => {
      const subscription = new RealtimeSubscription(options.realtimeUrl, request, realtimeAuthHeader(headers, host), () =>
        running.delete(subscription),
      );
      running.add(subscription);
      subscription.connect();
      return subscription.results;
    },
    stopAll: () => {
      for (const subscription of [...running]) void subscription.results.return();
    },
  };
}

class RealtimeSubscription {
  readonly results = new ResultStream<FetcherResult>(() => this.stop());
  private readonly id = crypto.randomUUID();
  private socket: WebSocket | undefined;
  private started = false;
  private connectionTimeoutMs = DEFAULT_CONNECTION_TIMEOUT_MS;
  private keepAliveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly url: string,
    private readonly request: GraphQLRequestBody,
    private readonly header: RealtimeAuthHeader,
    private readonly onEnd: () => void,
  ) {}

  connect(): void {
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url, [GRAPHQL_WS_SUBPROTOCOL, headerSubprotocol(this.header)]);
    } catch (error) {
      return this.fail(errorsResult(undefined, `Could not connect to ${this.url}: ${(error as Error).message}`));
    }
    this.socket = socket;
    socket.onopen = () => this.send({ type: 'connection_init' });
    socket.onmessage = (event: MessageEvent) => this.receive(event.data);
    socket.onclose = (event: CloseEvent) => {
      const reason = event.reason ? `: ${event.reason}` : '';
      this.fail(errorsResult(undefined, `The real-time connection to ${this.url} closed (code ${event.code}${reason}).`));
    };
  }

  private receive(data: unknown): void {
    const message: ServerMessage | undefined = parseServerMessage(data);
    if (!message) {
      return this.fail(
        errorsResult(undefined, `The real-time endpoint sent a message that is not AppSync's: ${String(data).slice(0, 500)}`),
      );
    }
    switch (message.type) {
      case 'connection_ack':
        this.connectionTimeoutMs = message.payload?.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS;
        this.expectKeepAlive();
        this.started = true;
        return this.send(startMessage(this.id, this.request, this.header));
      case 'ka':
        return this.expectKeepAlive();
      case 'connection_error':
        return this.fail(errorsResult(message.payload?.errors, 'The real-time endpoint refused the connection.'));
      case 'start_ack':
        return;
      case 'data':
        if (message.id === this.id) this.results.push(message.payload);
        return;
      case 'error':
        if (message.id === undefined || message.id === this.id) {
          this.fail(errorsResult(message.payload?.errors, 'The real-time endpoint refused the subscription.'));
        }
        return;
      case 'complete':
        if (message.id === this.id) this.finish();
        return;
    }
  }

  /** The connection is lost when no `ka` (or other message) comes within its timeout. */
  private expectKeepAlive(): void {
    clearTimeout(this.keepAliveTimer);
    const timeoutMs = this.connectionTimeoutMs;
    this.keepAliveTimer = setTimeout(
      () =>
        this.fail(
          errorsResult(undefined, `No keep-alive from the real-time endpoint in ${timeoutMs} ms: the connection is lost.`),
        ),
      timeoutMs,
    );
  }

  /** The user stopped the operation (GraphiQL returned the stream early). */
  private stop(): void {
    this.onEnd();
    clearTimeout(this.keepAliveTimer);
    const socket = this.socket;
    if (!socket) return;
    socket.onclose = null;
    if (!this.started || socket.readyState !== WebSocket.OPEN) return this.close();
    const timer = setTimeout(() => this.close(), STOP_TIMEOUT_MS);
    socket.onmessage = (event: MessageEvent) => {
      const message = parseServerMessage(event.data);
      if (message?.type === 'complete' && message.id === this.id) {
        clearTimeout(timer);
        this.close();
      }
    };
    this.send({ type: 'stop', id: this.id });
  }

  private fail(result: FetcherResult): void {
    if (this.results.isEnded) return;
    this.results.push(result);
    this.finish();
  }

  private finish(): void {
    this.onEnd();
    clearTimeout(this.keepAliveTimer);
    this.results.end();
    if (this.socket) this.socket.onclose = null;
    this.close();
  }

  private close(): void {
    const socket = this.socket;
    if (socket && (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN))
      socket.close(NORMAL_CLOSURE);
  }

  private send(message: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }
}
