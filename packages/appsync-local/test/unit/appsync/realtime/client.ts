// A real-time client for the tests: a real `ws` WebSocket speaking AppSync's protocol, with the
// messages it received queued so that a test can wait for the next one of a kind.
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import WebSocket from 'ws';

export interface ServerMessage {
  type: string;
  id?: string;
  payload?: Record<string, unknown> & { errors?: Record<string, unknown>[]; data?: Record<string, unknown> | null };
}

export type Headers = Record<string, string>;

export function headerSubprotocol(headers: Headers): string {
  return `header-${Buffer.from(JSON.stringify(headers)).toString('base64url')}`;
}

export class RealtimeClient {
  private readonly received: ServerMessage[] = [];
  private readonly waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.received.push(JSON.parse(data.toString('utf8')) as ServerMessage);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((done) => socket.on('close', (code, reason) => done({ code, reason: reason.toString() })));
  }

  /** Opens a connection; `authorization` goes in a header-… subprotocol unless `query` is given. */
  static open(url: string, options: { authorization?: Headers; protocols?: string[]; query?: string } = {}): Promise<RealtimeClient> {
    const protocols = options.protocols ?? ['graphql-ws', ...(options.authorization ? [headerSubprotocol(options.authorization)] : [])];
    const socket = new WebSocket(`${url}${options.query ?? ''}`, protocols);
    return new Promise((done, fail) => {
      socket.once('open', () => done(new RealtimeClient(socket)));
      socket.once('error', fail);
      socket.once('unexpected-response', (_request, response) => fail(new Error(`upgrade refused: ${response.statusCode}`)));
    });
  }

  /** Opens a connection and completes connection_init → connection_ack. */
  static async connect(url: string, authorization: Headers): Promise<RealtimeClient> {
    const client = await RealtimeClient.open(url, { authorization });
    client.send({ type: 'connection_init' });
    await client.next('connection_ack');
    return client;
  }

  get protocol(): string {
    return this.socket.protocol;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Sends a start and waits for its start_ack or error. */
  async start(id: string, data: { query: string; variables?: Record<string, unknown> }, authorization: Headers): Promise<ServerMessage> {
    this.send({ id, type: 'start', payload: { data: JSON.stringify(data), extensions: { authorization } } });
    return this.next((m) => m.id === id && (m.type === 'start_ack' || m.type === 'error'));
  }

  /** The next message (removed from the queue) of that type or matching that test, within the time limit. */
  async next(match: string | ((message: ServerMessage) => boolean), timeoutMs = 3000): Promise<ServerMessage> {
    const test = typeof match === 'string' ? (m: ServerMessage) => m.type === match : match;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex(test);
      if (index >= 0) return this.received.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message within ${timeoutMs} ms; received ${JSON.stringify(this.received)}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  /** Every message received so far that matches, without waiting. */
  pending(match: (message: ServerMessage) => boolean): ServerMessage[] {
    return this.received.filter(match);
  }

  /** The data messages of one subscription received so far (taken from the queue). */
  takeData(id: string): ServerMessage[] {
    const taken = this.received.filter((m) => m.type === 'data' && m.id === id);
    for (const message of taken) this.received.splice(this.received.indexOf(message), 1);
    return taken;
  }

  close(): void {
    this.socket.close();
  }

  /** Drops the TCP connection without a close handshake, as a client that vanishes does. */
  drop(): void {
    this.socket.terminate();
  }
}

/** Headers an IAM client sends: SigV4 for POST `${origin}${path}` with this body, as Amplify signs them. */
export async function iamHeaders(
  origin: string,
  path: string,
  body: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
  region = 'us-east-1',
): Promise<Headers> {
  const url = new URL(origin);
  const signer = new SignatureV4({ service: 'appsync', region, credentials, sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path,
      headers: { accept: 'application/json, text/javascript', 'content-encoding': 'amz-1.0', 'content-type': 'application/json; charset=UTF-8', host: url.host },
      body,
    }),
  );
  return signed.headers;
}
