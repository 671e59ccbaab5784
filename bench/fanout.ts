// Fan-out: N subscribers of onOrderStatusChanged (admins, who receive every order's updates) on
// the stack's real-time endpoint, one WebSocket each, speaking AppSync's protocol; then
// publishOrderStatus, IAM-signed as the EventBridge target sends it, timed from the moment the
// request is sent to the moment each subscriber holds the update. Also the stack process's
// memory per connection (after a full GC, JavaScript-held and resident). The subscribers live in this (the load generator's) process,
// so the receipt times include this process reading N frames.
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { LocalEndpoints } from '../local/outputs.ts';
import type { BenchConfig } from './config.ts';
import { median, percentile } from './load.ts';
import { signInAs } from './shoppers.ts';
import type { StackChild } from './stackChild.ts';
import { alignColumns } from './table.ts';

export interface FanoutFigures {
  readonly subscribers: number;
  readonly publishes: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Median over publishes of the time until the last subscriber held the update. */
  readonly lastMs: number;
  /** (JavaScript memory with the subscribers connected − before) ÷ subscribers, after GC; NaN for small N. */
  readonly bytesPerConnection: number;
  /** The same from resident memory (includes what V8 keeps reserved); NaN for small N. */
  readonly residentBytesPerConnection: number;
  readonly missed: number;
}

const SUBSCRIBER_COUNTS = [1, 100, 1000];
const QUICK_COUNTS = [1, 10];
const CONNECT_BATCH = 50;
const DELIVERY_TIMEOUT_MS = 10_000;
/** Fewer connections than this make a per-connection memory figure noise. */
const MEMORY_MIN_CONNECTIONS = 100;
const SUBSCRIPTION = 'subscription { onOrderStatusChanged { orderId userId status previousStatus modifiedDate } }';
const PUBLISH =
  'mutation ($input: OrderStatusUpdateInput!) { publishOrderStatus(input: $input) { orderId userId status previousStatus modifiedDate } }';

export async function benchFanout(config: BenchConfig, stack: StackChild): Promise<FanoutFigures[]> {
  const admin = stack.local.demoUsers.find((user) => user.groups.includes('admin'))!;
  const { authorization } = await signInAs(stack.local, admin.username, admin.password);
  const publishes = config.quick ? 3 : 20;
  const figures: FanoutFigures[] = [];
  for (const count of config.quick ? QUICK_COUNTS : SUBSCRIBER_COUNTS) {
    const before = await stack.memory();
    const subscribers = await connectAll(stack.local, authorization, count);
    try {
      const after = await stack.memory();
      const latencies: number[] = [];
      const lasts: number[] = [];
      let missed = 0;
      for (let i = 0; i < publishes; i += 1) {
        const outcome = await publishOnce(stack, subscribers);
        latencies.push(...outcome.latencies);
        if (outcome.latencies.length > 0) lasts.push(Math.max(...outcome.latencies));
        missed += outcome.missed;
      }
      const sorted = Float64Array.from(latencies).sort();
      figures.push({
        subscribers: count,
        publishes,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        lastMs: median(lasts),
        bytesPerConnection: count >= MEMORY_MIN_CONNECTIONS ? (after.heapBytes - before.heapBytes) / count : Number.NaN,
        residentBytesPerConnection:
          count >= MEMORY_MIN_CONNECTIONS ? (after.residentBytes - before.residentBytes) / count : Number.NaN,
        missed,
      });
    } finally {
      await Promise.all(subscribers.map((subscriber) => subscriber.close()));
    }
  }
  return figures;
}

interface Subscriber {
  /** Resolves with the time the update for `orderId` arrived (performance.now()). */
  expect(orderId: string): Promise<number>;
  close(): Promise<void>;
}

async function connectAll(local: LocalEndpoints, authorization: string, count: number): Promise<Subscriber[]> {
  const subscribers: Subscriber[] = [];
  for (let start = 0; start < count; start += CONNECT_BATCH) {
    const batch = Math.min(CONNECT_BATCH, count - start);
    subscribers.push(...(await Promise.all(Array.from({ length: batch }, () => subscribe(local, authorization)))));
  }
  return subscribers;
}

/** One connection with one subscription, started and acknowledged. */
function subscribe(local: LocalEndpoints, authorization: string): Promise<Subscriber> {
  const url = new URL(local.realtimeUrl);
  const header = { host: url.host, Authorization: authorization };
  const socket = new WebSocket(url, ['graphql-ws', `header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`]);
  const waiting = new Map<string, (at: number) => void>();
  const id = randomUUID();
  return new Promise((ready, fail) => {
    socket.once('error', fail);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (raw) => {
      const at = performance.now();
      const message = JSON.parse(raw.toString()) as {
        type: string;
        id?: string;
        payload?: { data?: { onOrderStatusChanged?: { orderId: string } } };
      };
      if (message.type === 'connection_ack') {
        socket.send(
          JSON.stringify({
            id,
            type: 'start',
            payload: { data: JSON.stringify({ query: SUBSCRIPTION, variables: {} }), extensions: { authorization: header } },
          }),
        );
      } else if (message.type === 'start_ack') {
        ready({
          expect: (orderId) => new Promise((arrived) => waiting.set(orderId, arrived)),
          close: () =>
            new Promise((closed) => {
              socket.once('close', () => closed());
              socket.close();
            }),
        });
      } else if (message.type === 'data') {
        const orderId = message.payload?.data?.onOrderStatusChanged?.orderId;
        if (orderId) waiting.get(orderId)?.(at);
      } else if (message.type === 'error' || message.type === 'connection_error') {
        fail(new Error(`subscription refused: ${raw.toString()}`));
      }
    });
  });
}

async function publishOnce(stack: StackChild, subscribers: Subscriber[]): Promise<{ latencies: number[]; missed: number }> {
  const orderId = `bench-${randomUUID()}`;
  const input = {
    orderId,
    userId: 'bench-user',
    status: 'PACKAGING',
    previousStatus: 'NEW',
    modifiedDate: new Date().toISOString(),
  };
  const arrivals = subscribers.map((subscriber) => subscriber.expect(orderId));
  const request = await signedPublish(stack, JSON.stringify({ query: PUBLISH, variables: { input } }));
  const sent = performance.now();
  const response = await fetch(stack.local.graphqlUrl, {
    method: 'POST',
    headers: request.headers,
    body: request.body as string,
  });
  const answer = (await response.json()) as { errors?: unknown[] };
  if (answer.errors) throw new Error(`publishOrderStatus failed: ${JSON.stringify(answer.errors)}`);
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), DELIVERY_TIMEOUT_MS).unref());
  const times = await Promise.all(arrivals.map((arrival) => Promise.race([arrival, timeout])));
  const latencies = times.filter((at) => at !== undefined).map((at) => at - sent);
  return { latencies, missed: times.length - latencies.length };
}

async function signedPublish(stack: StackChild, body: string): Promise<HttpRequest> {
  const url = new URL(stack.local.graphqlUrl);
  const signer = new SignatureV4({
    credentials: stack.publisher,
    region: stack.local.region,
    service: 'appsync',
    sha256: Sha256,
  });
  const request = new HttpRequest({
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    method: 'POST',
    path: url.pathname,
    headers: { host: url.host, 'content-type': 'application/json' },
    body,
  });
  const signed = (await signer.sign(request)) as HttpRequest;
  delete signed.headers.host;
  return signed;
}

function kib(bytes: number): string {
  return Number.isNaN(bytes) ? '–' : (bytes / 1024).toFixed(1);
}

export function renderFanoutTable(figures: readonly FanoutFigures[]): string {
  const header = [
    'fan-out (publishOrderStatus → data)',
    'p50 ms',
    'p99 ms',
    'last ms',
    'heap KiB/conn',
    'RSS KiB/conn',
    'missed',
  ];
  const rows = figures.map((f) => [
    `${f.subscribers} subscriber${f.subscribers === 1 ? '' : 's'} × ${f.publishes} publishes`,
    f.p50Ms.toFixed(1),
    f.p99Ms.toFixed(1),
    f.lastMs.toFixed(1),
    kib(f.bytesPerConnection),
    kib(f.residentBytesPerConnection),
    String(f.missed),
  ]);
  return [
    'fan-out on the whole local stack: admin subscribers (one WebSocket each) of onOrderStatusChanged; time from sending the IAM-signed mutation to each receipt',
    '',
    ...alignColumns([header, ...rows]),
  ].join('\n');
}
