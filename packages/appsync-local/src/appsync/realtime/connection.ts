// One client connection of the real-time endpoint. It reads the client's messages in order:
// connection_init → connection_ack and "ka" every keepAliveIntervalMs (connection_init is
// optional: a first start initializes the connection too); start → start_ack or error; stop →
// complete. Bad connection auth or a frame that is not a JSON message → connection_error and a
// clean close. A connection that sends nothing is closed after connectionInitTimeoutMs.
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type { AuthenticationResult, Authenticator } from '../auth/index.ts';
import type { GraphQLEngine } from '../execution/engine.ts';
import type { RequestScope } from '../execution/context.ts';
import { compileArgumentFilter, compileFilter, type PayloadPredicate, SubscriptionFilterError } from './filters.ts';
import { startRequest } from './handshake.ts';
import { REALTIME_LIMITS } from './limits.ts';
import {
  type ClientMessage,
  complete,
  connectionAck,
  connectionError,
  dataMessagePrefix,
  duplicatedOperation,
  errorMessage,
  KEEP_ALIVE,
  MESSAGE_TYPES,
  maxSubscriptionsReached,
  parseClientMessage,
  type ProtocolError,
  startAck,
  unsupportedOperation,
} from './messages.ts';
import type { ActiveSubscription, Subscriber, SubscriptionRegistry } from './registry.ts';

export interface ConnectionContext {
  readonly engine: GraphQLEngine;
  readonly authenticator: Authenticator;
  readonly registry: SubscriptionRegistry;
  readonly environmentVariables: Readonly<Record<string, string>>;
  readonly keepAliveIntervalMs: number;
  readonly connectionInitTimeoutMs: number;
}

/** The close code sent after a connection_error, and when the API shuts down. */
const NORMAL_CLOSURE = 1000;
const GOING_AWAY = 1001;
/** Data messages are sent as bytes, in text frames as AppSync's are. */
const TEXT_FRAME = { binary: false } as const;

export class RealtimeConnection implements Subscriber {
  private readonly subscriptions = new Map<string, ActiveSubscription>();
  private initialized = false;
  private closed = false;
  private keepAlive: NodeJS.Timeout | undefined;
  private initTimeout: NodeJS.Timeout | undefined;
  private inbox: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: WebSocket,
    /** The upgraded connection under `socket`, corked while one event's messages are written. */
    private readonly stream: Duplex,
    /** The connection's own authentication (from its header), started at the upgrade. */
    private readonly connectionAuth: Promise<AuthenticationResult>,
    private readonly sourceIp: string,
    private readonly context: ConnectionContext,
    private readonly onClosed: (connection: RealtimeConnection) => void,
  ) {
    this.initTimeout = setTimeout(() => this.close(NORMAL_CLOSURE), context.connectionInitTimeoutMs).unref();
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? undefined : textOf(data);
      this.inbox = this.inbox
        .then(() => this.receive(text))
        .catch((error: unknown) => {
          console.error('local AppSync real-time: a message failed', error);
        });
    });
    socket.on('close', () => this.drop());
    socket.on('error', () => this.drop());
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  /** No callback: a failed write also errors or closes the socket, which drops the connection. */
  send(message: string | Buffer): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(message, TEXT_FRAME);
  }

  hold(): void {
    this.stream.cork();
  }

  release(): void {
    this.stream.uncork();
  }

  endSubscription(id: string): void {
    if (!this.removeSubscription(id)) return;
    this.send(complete(id));
  }

  /** Closes the socket (normally, or going away when the API shuts down) and drops its subscriptions. */
  close(code: number = GOING_AWAY): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) {
      this.socket.close(code);
    }
    this.drop();
  }

  private drop(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.initTimeout);
    clearInterval(this.keepAlive);
    for (const subscription of this.subscriptions.values()) this.context.registry.remove(subscription);
    this.subscriptions.clear();
    this.onClosed(this);
    // A client that does not answer the close handshake does not keep its socket.
    setTimeout(() => this.socket.terminate(), 1000).unref();
  }

  private async receive(text: string | undefined): Promise<void> {
    if (this.closed) return;
    const message = text === undefined ? undefined : parseClientMessage(text);
    if (!this.initialized) {
      const auth = await this.connectionAuth;
      if (!auth.ok) return this.refuseConnection(auth.body.errors.map((e) => ({ ...e, errorCode: auth.status })));
      if (!message) return this.refuseConnection([{ ...unsupportedOperation('unknown'), errorCode: 400 }]);
      this.initialize(message.type === MESSAGE_TYPES.connectionInit);
      if (message.type === MESSAGE_TYPES.connectionInit) return;
    }
    if (!message) return this.refuseConnection([{ ...unsupportedOperation('unknown'), errorCode: 400 }]);
    switch (message.type) {
      case MESSAGE_TYPES.connectionInit:
        return this.send(connectionAck());
      case MESSAGE_TYPES.start:
        return this.start(message);
      case MESSAGE_TYPES.stop:
        if (message.id !== undefined) {
          this.removeSubscription(message.id);
          this.send(complete(message.id));
        }
        return;
      default:
        return this.send(errorMessage(message.id ?? '', [unsupportedOperation(message.type)]));
    }
  }

  private initialize(acknowledge: boolean): void {
    this.initialized = true;
    clearTimeout(this.initTimeout);
    if (acknowledge) this.send(connectionAck());
    this.send(KEEP_ALIVE);
    this.keepAlive = setInterval(() => this.send(KEEP_ALIVE), this.context.keepAliveIntervalMs).unref();
  }

  private refuseConnection(errors: ProtocolError[]): void {
    this.send(connectionError(errors));
    this.close(NORMAL_CLOSURE);
  }

  private async start(message: ClientMessage): Promise<void> {
    const payload = isObject(message.payload) ? message.payload : {};
    const request = typeof payload.data === 'string' ? parseData(payload.data) : undefined;
    if (message.id === undefined || message.id === '' || !request || typeof payload.data !== 'string') {
      return this.send(errorMessage('', [unsupportedOperation('unknown')]));
    }
    const { id } = message;
    const refuse = (errors: readonly ProtocolError[]): void => this.send(errorMessage(id, errors));
    if (this.subscriptions.has(id)) return refuse([duplicatedOperation(id)]);
    if (this.subscriptions.size >= REALTIME_LIMITS.subscriptionsPerConnection) return refuse([maxSubscriptionsReached()]);

    const authorization = isObject(payload.extensions) ? payload.extensions.authorization : undefined;
    const authRequest = startRequest(authorization, payload.data, this.sourceIp);
    const auth = await this.context.authenticator.authenticate(authRequest);
    if (!auth.ok) return refuse(auth.body.errors.map((e) => ({ ...e, errorCode: auth.status })));

    const scope: RequestScope = {
      auth: auth.auth,
      headers: lowerCaseKeys(authRequest.headers),
      domainName: null,
      env: this.context.environmentVariables,
      variables: request.variables ?? {},
    };
    const preparation = await this.context.engine.prepareSubscription(request, scope);
    switch (preparation.kind) {
      case 'invalid':
        return refuse(preparation.errors.map((e) => ({ message: e.message })));
      case 'notSubscription':
        return refuse([unsupportedOperation(preparation.operation)]);
      case 'refused':
        return refuse(preparation.errors);
    }
    const prepared = preparation.subscription;
    let matchesFilter: PayloadPredicate | undefined;
    let matchesInvalidation: PayloadPredicate | undefined;
    try {
      matchesFilter = prepared.filter == null ? undefined : compileFilter(prepared.filter);
      matchesInvalidation = prepared.invalidationFilter == null ? undefined : compileFilter(prepared.invalidationFilter);
    } catch (error) {
      if (error instanceof SubscriptionFilterError) return refuse([{ message: error.message, errorCode: 400 }]);
      throw error;
    }
    if (this.closed || this.subscriptions.has(id)) return;
    const subscription: ActiveSubscription = {
      id,
      subscriber: this,
      prepared,
      scope,
      // A resolver that sets a filter takes over from the arguments, which it can use in the filter.
      matchesArguments: matchesFilter ? () => true : compileArgumentFilter(prepared.args),
      matchesFilter,
      matchesInvalidation,
      deliveryKey: deliveryKeyOf(prepared, scope),
      dataPrefix: dataMessagePrefix(id),
    };
    this.subscriptions.set(id, subscription);
    this.context.registry.add(subscription);
    this.send(startAck(id));
  }

  private removeSubscription(id: string): boolean {
    const subscription = this.subscriptions.get(id);
    if (!subscription) return false;
    this.subscriptions.delete(id);
    this.context.registry.remove(subscription);
    return true;
  }
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

/** The `data` of a start message: a JSON GraphQL request. */
function parseData(
  data: string,
): { query: string; variables?: Record<string, unknown> | null; operationName?: string | null } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || typeof parsed.query !== 'string') return undefined;
  const variables = isObject(parsed.variables) ? parsed.variables : null;
  const operationName = typeof parsed.operationName === 'string' ? parsed.operationName : null;
  return { query: parsed.query, variables, operationName };
}

/**
 * Subscriptions that send the same operation and variables with the same auth mode (and, for
 * Cognito, the same groups) see the same fields of the same published value (delivery runs no
 * resolver), so one reading of it serves them all.
 */
function deliveryKeyOf(prepared: ActiveSubscription['prepared'], scope: RequestScope): string {
  const identity = scope.auth.identity;
  const groups = identity && 'groups' in identity && identity.groups ? [...identity.groups].sort().join(',') : '';
  const operation = prepared.document.loc?.source.body ?? '';
  return JSON.stringify([operation, prepared.operationName, prepared.variables, scope.auth.authType, groups]);
}

function lowerCaseKeys(headers: AuthenticationHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
  }
  return out;
}

type AuthenticationHeaders = Record<string, string | string[] | undefined>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
