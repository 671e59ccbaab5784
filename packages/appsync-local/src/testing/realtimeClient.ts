// A client of AppSync's real-time protocol written from its documentation, for tests that need to
// see every message: the auth header in a `header-…` subprotocol (as Amplify v6 and
// aws-appsync-subscription-link send it) or in `?header=…&payload=…` (as older clients did),
// `connection_init`/`connection_ack`, `ka`, `start`/`start_ack`/`data`/`error`, `stop`/`complete`;
// and what a test does to a connection that no client library would: skip `connection_init`,
// drop it, send it garbage.
// https://docs.aws.amazon.com/appsync/latest/devguide/real-time-websocket-client.html
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { IamPrincipal } from '../iam/sigv4.ts';
import { signHeaders } from './sigv4Fetch.ts';

/** The headers that authorize a connection or a subscription (host included). */
export type AuthHeader = Record<string, string>;

export interface RealtimeError {
  errorType?: string;
  message?: string;
  errorCode?: number;
  [field: string]: unknown;
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
  /** The auth header to connect with; without one, the connection offers no authorization. */
  header?: AuthHeader;
  form?: AuthForm;
  /** The subprotocols to offer instead of `graphql-ws` and the header's, with `url` as it is: for tests of the handshake. */
  protocols?: string[];
  /** The certificate to trust for `wss://` (a local stack's own, self-signed). */
  ca?: string;
}

/** What a subscription asks for: the `data` of a `start` message. */
export interface SubscriptionRequest {
  query: string;
  variables?: Record<string, unknown>;
}

/** A type of message, or a test of one. */
export type MessageMatch = string | ((message: ServerMessage) => boolean);

/** How long a test waits for any one message. */
export const MESSAGE_TIMEOUT_MS = 10_000;

/** The connection was refused: what the server said (if anything) and how it closed. */
export class RealtimeConnectionRefused extends Error {
  override name = 'RealtimeConnectionRefused';
  constructor(
    readonly messages: ServerMessage[],
    readonly closed: Closed | undefined,
    options?: ErrorOptions,
  ) {
    const cause = options?.cause instanceof Error ? ` (${options.cause.message})` : '';
    super(`The real-time endpoint refused the connection${cause}: ${JSON.stringify({ messages, closed })}`, options);
  }
}

/** The header-… subprotocol that carries an auth header. */
export function headerSubprotocol(header: AuthHeader): string {
  return `header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`;
}

/** The auth header of a user pool token: the JWT and the GraphQL endpoint's host. */
export function userPoolHeader(graphqlUrl: string, idToken: string): AuthHeader {
  return { Authorization: idToken, host: new URL(graphqlUrl).host };
}

/**
 * The auth header of an IAM client: SigV4 for POST `url` with this body, as Amplify signs it
 * (`…/graphql/connect` with `{}` to connect, `…/graphql` with the subscription's data to start).
 */
export async function iamHeader(
  url: string,
  body: string,
  credentials: Pick<IamPrincipal, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>,
  region = 'us-east-1',
): Promise<AuthHeader> {
  const headers = {
    accept: 'application/json, text/javascript',
    'content-encoding': 'amz-1.0',
    'content-type': 'application/json; charset=UTF-8',
  };
  const signed = await signHeaders(url, { credentials, region, service: 'appsync', method: 'POST', headers, body });
  return { ...signed, host: new URL(url).host };
}

/** Opens a connection without sending anything; rejects with RealtimeConnectionRefused when the upgrade fails. */
export async function openRealtime(options: RealtimeConnectOptions): Promise<RealtimeConnection> {
  const connection = new RealtimeConnection(options);
  await connection.opened;
  return connection;
}

/** Opens a connection, sends `connection_init` and waits for `connection_ack`. */
export async function connectRealtime(options: RealtimeConnectOptions): Promise<RealtimeConnection> {
  const connection = await openRealtime(options);
  await connection.initialize();
  return connection;
}

export class RealtimeConnection {
  /** Every message received, in order. */
  readonly messages: ServerMessage[] = [];
  /** Resolves once the WebSocket is open; rejects when it closed first. */
  readonly opened: Promise<void>;
  readonly closed: Promise<Closed>;
  /** The messages that no `next`, `start` or `takeData` has taken yet. */
  private readonly unread: ServerMessage[] = [];
  private readonly socket: WebSocket;
  private readonly listeners = new Set<() => void>();
  private closedWith: Closed | undefined;
  private failure: Error | undefined;

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
      this.unread.push(message);
      this.notify();
    });
    // A refused upgrade or a reset is seen as the close that follows; the error becomes its cause.
    this.socket.on('error', (error) => (this.failure = error));
    this.closed = new Promise((resolve) => {
      this.socket.on('close', (code, reason) => {
        this.closedWith = { code, reason: reason.toString() };
        resolve(this.closedWith);
        this.notify();
      });
    });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('close', () =>
        reject(new RealtimeConnectionRefused(this.messages, this.closedWith, { cause: this.failure })),
      );
    });
    // Who awaits `closed` instead of `opened` is not told of the refusal twice.
    this.opened.catch(() => undefined);
  }

  /** The negotiated subprotocol (`graphql-ws`). */
  get protocol(): string {
    return this.socket.protocol;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends `connection_init`; resolves with `connection_ack`, or rejects with RealtimeConnectionRefused once the refused connection has closed. */
  async initialize(): Promise<ServerMessage> {
    await this.opened;
    this.send({ type: 'connection_init' });
    const answer = await this.next((m) => m.type === 'connection_ack' || m.type === 'connection_error').catch(() => undefined);
    if (answer?.type !== 'connection_ack') {
      await Promise.race([this.closed, delay(MESSAGE_TIMEOUT_MS)]);
      throw new RealtimeConnectionRefused(this.messages, this.closedWith);
    }
    return answer;
  }

  /** Sends a message: a string as it is (malformed frames included), anything else as JSON. */
  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Sends `start` under `id` and takes its answer: `start_ack`, or the `error` that refused it. */
  start(
    id: string,
    request: SubscriptionRequest,
    authorization: AuthHeader | undefined = this.options.header,
  ): Promise<ServerMessage> {
    this.send({ id, type: 'start', payload: { data: JSON.stringify(request), extensions: { authorization } } });
    return this.next((m) => m.id === id && (m.type === 'start_ack' || m.type === 'error'));
  }

  /** Starts a subscription under an id of its own and gives a handle on it. */
  async subscribe(
    query: string,
    variables: Record<string, unknown> = {},
    authorization?: AuthHeader,
  ): Promise<RealtimeSubscription> {
    const id = randomUUID();
    const answer = await this.start(id, { query, variables }, authorization);
    return new RealtimeSubscription(this, id, answer);
  }

  /** Takes the first message not yet taken (already received or to come) that matches. */
  next(match: MessageMatch, timeoutMs = MESSAGE_TIMEOUT_MS): Promise<ServerMessage> {
    const matches = typeof match === 'string' ? (m: ServerMessage) => m.type === match : match;
    return this.until(() => {
      const index = this.unread.findIndex(matches);
      return index >= 0 ? this.unread.splice(index, 1)[0] : undefined;
    }, timeoutMs);
  }

  /** The messages not yet taken that match, without waiting and without taking them. */
  pending(match: MessageMatch): ServerMessage[] {
    const matches = typeof match === 'string' ? (m: ServerMessage) => m.type === match : match;
    return this.unread.filter(matches);
  }

  /** Takes the `data` messages of one subscription received so far and not yet taken. */
  takeData(id: string): ServerMessage[] {
    const taken = this.pending((m) => m.type === 'data' && m.id === id);
    for (const message of taken) this.unread.splice(this.unread.indexOf(message), 1);
    return taken;
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
          reject(
            new Error(
              `The connection closed (${JSON.stringify(this.closedWith)}) first; it received ${JSON.stringify(this.messages)}`,
            ),
          );
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

  /** The `data` payloads received so far, taken or not. */
  get data(): Record<string, unknown>[] {
    return this.connection.messages.filter((m) => m.id === this.id && m.type === 'data').map((m) => m.payload?.data ?? {});
  }

  /** Waits until `count` `data` messages have come and returns them. */
  received(count: number, timeoutMs = MESSAGE_TIMEOUT_MS): Promise<Record<string, unknown>[]> {
    return this.connection.until(() => (this.data.length >= count ? this.data.slice(0, count) : undefined), timeoutMs);
  }

  /** Sends `stop` and waits for `complete`. */
  async stop(): Promise<ServerMessage> {
    this.connection.send({ type: 'stop', id: this.id });
    return this.connection.next((m) => m.id === this.id && m.type === 'complete');
  }
}

function connectionTarget({ url, header, form = 'subprotocol', protocols }: RealtimeConnectOptions): {
  url: string;
  protocols: string[];
} {
  if (protocols) return { url, protocols };
  if (!header) return { url, protocols: ['graphql-ws'] };
  if (form === 'subprotocol') return { url, protocols: ['graphql-ws', headerSubprotocol(header)] };
  // As the older clients built it: plain base64, not percent-encoded (so `+`, `/` and `=` travel as they are).
  const json = Buffer.from(JSON.stringify(header)).toString('base64');
  const payload = Buffer.from('{}').toString('base64');
  return { url: `${url}?header=${json}&payload=${payload}`, protocols: ['graphql-ws'] };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
