// A client of AppSync's real-time protocol written from its documentation, for end-to-end tests
// that need to see every message: the auth header in a `header-…` subprotocol (as Amplify v6 and
// aws-appsync-subscription-link send it) or in `?header=…&payload=…` (as older clients did),
// `connection_init`/`connection_ack`, `start`/`start_ack`/`data`/`error`, `stop`/`complete`; and
// what a test does to a connection that no client library would: drop it, send it garbage.
// https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

export type AuthHeader = Record<string, string>;

export interface RealtimeError {
  errorType?: string;
  message?: string;
  errorCode?: number;
}

export interface ServerMessage {
  type: string;
  id?: string;
  payload?: { data?: Record<string, unknown> | null; errors?: RealtimeError[]; connectionTimeoutMs?: number };
}

export interface Closed {
  code: number;
  reason: string;
}

/** How the auth header travels when connecting. */
export type AuthForm = 'subprotocol' | 'query';

export interface RealtimeConnectOptions {
  /** `ws://…/graphql/realtime` or `wss://…`. */
  url: string;
  header: AuthHeader;
  form?: AuthForm;
  /** The certificate to trust for `wss://` (the stack's own, self-signed). */
  ca?: string;
}

/** How long a test waits for any one message. */
export const MESSAGE_TIMEOUT_MS = 10_000;

/** The connection was refused: what the server said (if anything) and how it closed. */
export class RealtimeConnectionRefused extends Error {
  override name = 'RealtimeConnectionRefused';
  constructor(
    readonly messages: ServerMessage[],
    readonly closed: Closed | undefined,
  ) {
    super(`The real-time endpoint refused the connection: ${JSON.stringify({ messages, closed })}`);
  }
}

/** The auth header of a user pool token: the JWT and the GraphQL endpoint's host. */
export function userPoolHeader(graphqlUrl: string, idToken: string): AuthHeader {
  return { Authorization: idToken, host: new URL(graphqlUrl).host };
}

/** Opens a connection, sends `connection_init` and waits for `connection_ack`. */
export async function connectRealtime(options: RealtimeConnectOptions): Promise<RealtimeConnection> {
  const connection = new RealtimeConnection(options);
  await connection.initialized();
  return connection;
}

export class RealtimeConnection {
  /** Every message received, in order. */
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<Closed>;
  private readonly socket: WebSocket;
  private readonly listeners = new Set<() => void>();
  private closedWith: Closed | undefined;

  constructor(readonly options: RealtimeConnectOptions) {
    const { url, protocols } = connectionTarget(options);
    this.socket = new WebSocket(url, protocols, options.ca ? { ca: options.ca } : {});
    this.socket.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      let message: ServerMessage;
      try {
        message = JSON.parse(text) as ServerMessage;
      } catch {
        message = { type: '(not JSON)', payload: { errors: [{ message: text }] } };
      }
      this.messages.push(message);
      this.notify();
    });
    // A refused upgrade or a reset is seen as the close that follows.
    this.socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => {
      this.socket.on('close', (code, reason) => {
        this.closedWith = { code, reason: reason.toString() };
        resolve(this.closedWith);
        this.notify();
      });
    });
  }

  /** The negotiated subprotocol (`graphql-ws`). */
  get protocol(): string {
    return this.socket.protocol;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  async initialized(): Promise<ServerMessage> {
    await new Promise<void>((resolve) => {
      if (this.socket.readyState === WebSocket.OPEN) resolve();
      else {
        this.socket.once('open', () => resolve());
        this.socket.once('close', () => resolve());
      }
    });
    if (this.socket.readyState !== WebSocket.OPEN) throw new RealtimeConnectionRefused(this.messages, this.closedWith);
    this.sendJson({ type: 'connection_init' });
    const answer = await this.nextMessage((m) => m.type === 'connection_ack' || m.type === 'connection_error').catch(() => undefined);
    if (answer?.type !== 'connection_ack') {
      await Promise.race([this.closed, delay(MESSAGE_TIMEOUT_MS)]);
      throw new RealtimeConnectionRefused(this.messages, this.closedWith);
    }
    return answer;
  }

  /** Sends `start` and waits for its `start_ack` (or `error`, which the result carries). */
  async subscribe(query: string, variables: Record<string, unknown> = {}, authorization: AuthHeader = this.options.header): Promise<RealtimeSubscription> {
    const id = randomUUID();
    this.sendJson({ id, type: 'start', payload: { data: JSON.stringify({ query, variables }), extensions: { authorization } } });
    const answer = await this.nextMessage((m) => m.id === id && (m.type === 'start_ack' || m.type === 'error'));
    return new RealtimeSubscription(this, id, answer);
  }

  /** Resolves with the first message (already received or to come) that matches. */
  nextMessage(matches: (message: ServerMessage) => boolean, timeoutMs = MESSAGE_TIMEOUT_MS): Promise<ServerMessage> {
    return this.until(() => this.messages.find(matches), timeoutMs);
  }

  /** Resolves with what `probe` finds once it finds something; rejects on close or timeout. */
  until<T>(probe: () => T | undefined, timeoutMs = MESSAGE_TIMEOUT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = probe();
        if (found !== undefined) {
          done();
          resolve(found);
        } else if (this.closedWith) {
          done();
          reject(new Error(`The connection closed (${JSON.stringify(this.closedWith)}) first; it received ${JSON.stringify(this.messages)}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`Not there after ${timeoutMs} ms; the connection received ${JSON.stringify(this.messages)}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  sendJson(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** Ends the TCP connection without a close frame, as a lost network or a killed app does. */
  drop(): void {
    this.socket.terminate();
  }

  close(): Promise<Closed> {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close(1000);
    return this.closed;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

export class RealtimeSubscription {
  constructor(
    readonly connection: RealtimeConnection,
    readonly id: string,
    /** `start_ack`, or the `error` that refused the subscription. */
    readonly answer: ServerMessage,
  ) {}

  /** The `data` payloads received so far. */
  get data(): Record<string, unknown>[] {
    return this.connection.messages.filter((m) => m.id === this.id && m.type === 'data').map((m) => m.payload?.data ?? {});
  }

  /** Waits until `count` `data` messages have come and returns them. */
  received(count: number, timeoutMs = MESSAGE_TIMEOUT_MS): Promise<Record<string, unknown>[]> {
    return this.connection.until(() => (this.data.length >= count ? this.data.slice(0, count) : undefined), timeoutMs);
  }

  /** Sends `stop` and waits for `complete`. */
  async stop(): Promise<ServerMessage> {
    this.connection.sendJson({ type: 'stop', id: this.id });
    return this.connection.nextMessage((m) => m.id === this.id && m.type === 'complete');
  }
}

function connectionTarget({ url, header, form = 'subprotocol' }: RealtimeConnectOptions): { url: string; protocols: string[] } {
  const json = JSON.stringify(header);
  if (form === 'subprotocol') {
    return { url, protocols: ['graphql-ws', `header-${Buffer.from(json).toString('base64url')}`] };
  }
  // As the older clients built it: plain base64, not percent-encoded (so `+`, `/` and `=` travel as they are).
  const payload = Buffer.from('{}').toString('base64');
  return { url: `${url}?header=${Buffer.from(json).toString('base64')}&payload=${payload}`, protocols: ['graphql-ws'] };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
