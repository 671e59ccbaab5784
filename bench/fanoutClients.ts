// One subscriber process of the fan-out benchmark (bench/fanout.ts spawns several, with
// `node --import tsx`): it holds FANOUT_COUNT WebSockets to FANOUT_URL, each with one
// onOrderStatusChanged subscription, opened FANOUT_CONNECT_BATCH at a time, and prints
// `READY <count>` once every one is acknowledged. Then it answers lines on stdin:
//
//   CLOCK                            → CLOCK <now>
//   COLLECT <orderId> <sent> <until> → COLLECT <orderId> <missed> <ms>,<ms>,…
//
// Every time is `process.hrtime.bigint()` in nanoseconds: the system's monotonic clock
// (CLOCK_MONOTONIC on Linux), which every process of the machine reads alike, so a receipt here
// minus the moment the parent sent the mutation is a latency; the parent checks that with CLOCK.
// COLLECT waits until each socket holds the update for orderId or the clock passes `until`, and
// answers each receipt's time since `sent`. A frame is only timed and kept when it arrives and
// parsed later, so that reading N frames costs this process as little as it can.
// The process ends when its stdin closes (the parent stops or goes away).
import { createInterface } from 'node:readline';
import WebSocket, { type RawData } from 'ws';

const SUBSCRIPTION = 'subscription { onOrderStatusChanged { orderId userId status previousStatus modifiedDate } }';
const POLL_MS = 10;

const url = new URL(required('FANOUT_URL'));
const authorization = required('FANOUT_AUTHORIZATION');
const count = Number(required('FANOUT_COUNT'));
const connectBatch = Number(process.env.FANOUT_CONNECT_BATCH ?? 50);

/** Frames not yet read, with the time each arrived. */
let unread: { at: bigint; raw: RawData }[] = [];
/** orderId → the receipt times of its update read so far. */
const receipts = new Map<string, bigint[]>();
const sockets: WebSocket[] = [];

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (bench/fanout.ts sets it).`);
  return value;
}

/** One connection with one subscription, started and acknowledged. */
function subscribe(id: number): Promise<WebSocket> {
  const header = { host: url.host, Authorization: authorization };
  const socket = new WebSocket(url, ['graphql-ws', `header-${Buffer.from(JSON.stringify(header)).toString('base64url')}`], {
    perMessageDeflate: false,
  });
  return new Promise((ready, fail) => {
    socket.once('error', fail);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    const handshake = (raw: RawData): void => {
      const message = JSON.parse(raw.toString()) as { type: string };
      if (message.type === 'connection_ack') {
        socket.send(
          JSON.stringify({
            id: String(id),
            type: 'start',
            payload: { data: JSON.stringify({ query: SUBSCRIPTION, variables: {} }), extensions: { authorization: header } },
          }),
        );
      } else if (message.type === 'start_ack') {
        socket.off('message', handshake);
        socket.on('message', (data) => unread.push({ at: process.hrtime.bigint(), raw: data }));
        ready(socket);
      } else if (message.type === 'error' || message.type === 'connection_error') {
        fail(new Error(`subscription refused: ${raw.toString()}`));
      }
    };
    socket.on('message', handshake);
  });
}

function readFrames(): void {
  const frames = unread;
  unread = [];
  for (const { at, raw } of frames) {
    const message = JSON.parse(raw.toString()) as {
      type: string;
      payload?: { data?: { onOrderStatusChanged?: { orderId?: string } } };
    };
    const orderId = message.type === 'data' ? message.payload?.data?.onOrderStatusChanged?.orderId : undefined;
    if (!orderId) continue;
    const times = receipts.get(orderId);
    if (times) times.push(at);
    else receipts.set(orderId, [at]);
  }
}

async function collect(orderId: string, sent: bigint, until: bigint): Promise<string> {
  for (;;) {
    readFrames();
    const times = receipts.get(orderId) ?? [];
    if (times.length >= sockets.length || process.hrtime.bigint() >= until) {
      receipts.delete(orderId);
      const latencies = times.map((at) => (Number(at - sent) / 1e6).toFixed(3));
      return `COLLECT ${orderId} ${sockets.length - times.length} ${latencies.join(',')}`;
    }
    await new Promise((wake) => setTimeout(wake, POLL_MS));
  }
}

for (let start = 0; start < count; start += connectBatch) {
  const batch = Math.min(connectBatch, count - start);
  sockets.push(...(await Promise.all(Array.from({ length: batch }, (_, i) => subscribe(start + i)))));
}

createInterface({ input: process.stdin })
  .on('line', (line) => {
    const [command, ...args] = line.trim().split(' ');
    if (command === 'CLOCK') process.stdout.write(`CLOCK ${process.hrtime.bigint()}\n`);
    else if (command === 'COLLECT')
      void collect(args[0]!, BigInt(args[1]!), BigInt(args[2]!)).then((answer) => process.stdout.write(`${answer}\n`));
  })
  .on('close', () => {
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  });
process.stdout.write(`READY ${sockets.length}\n`);
