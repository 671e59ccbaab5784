// Fan-out: N subscribers of onOrderStatusChanged (admins, who receive every order's updates) on
// the stack's real-time endpoint, one WebSocket each, speaking AppSync's protocol; then
// publishOrderStatus, IAM-signed as the EventBridge target sends it, timed from the moment the
// request is sent to the moment each subscriber holds the update. Also the stack process's
// memory per connection (after a full GC, JavaScript-held and resident). The subscribers live in
// child processes of their own (bench/fanoutClients.ts, up to 250 each and at most 4), so that
// reading N frames is spread over processes and stays out of the process that times the
// mutation; receipts are timed on the machine's monotonic clock, which they share with this one.
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stopChild } from 'appsync-local/processes.ts';
import type { LocalEndpoints } from '../local/outputs.ts';
import type { BenchConfig } from './config.ts';
import { median, percentile } from './load.ts';
import { signInAs } from './shoppers.ts';
import type { StackChild } from './stackChild.ts';
import { alignColumns } from './table.ts';

export interface FanoutFigures {
  readonly subscribers: number;
  /** How many subscriber processes held them (0: not run, see `skipped`). */
  readonly processes: number;
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
  /**
   * The stack process's CPU time per measured publish (the request and every delivery, user and
   * system): unlike the latencies, it hardly moves when other processes take the machine's cores.
   */
  readonly stackCpuMsPerPublish: number;
  /** Why this count was not run (the open-file limit), if it was not. */
  readonly skipped?: string;
}

const SUBSCRIBER_COUNTS = [1, 100, 1000, 10_000];
const QUICK_COUNTS = [1, 10];
/** At most this many subscribers per process, and at most MAX_PROCESSES processes. */
const SUBSCRIBERS_PER_PROCESS = 250;
const MAX_PROCESSES = 4;
const DELIVERY_TIMEOUT_MS = 10_000;
const RELEASE_MS = 2000;
/** Fewer connections than this make a per-connection memory figure noise. */
const MEMORY_MIN_CONNECTIONS = 100;
/** File descriptors the stack's process needs besides its subscribers' sockets (its own files, clients, servers). */
const STACK_DESCRIPTORS = 1024;
const PUBLISH =
  'mutation ($input: OrderStatusUpdateInput!) { publishOrderStatus(input: $input) { orderId userId status previousStatus modifiedDate } }';
const CLIENT_SCRIPT = fileURLToPath(new URL('./fanoutClients.ts', import.meta.url));

/** Subscriber counts and processes, from BENCH_FANOUT_COUNTS and BENCH_FANOUT_PROCESSES if set. */
export function fanoutPlan(config: BenchConfig, env: NodeJS.ProcessEnv = process.env): { count: number; processes: number }[] {
  const counts = env.BENCH_FANOUT_COUNTS
    ? env.BENCH_FANOUT_COUNTS.split(',').map((text) => positiveInteger('BENCH_FANOUT_COUNTS', text))
    : config.quick
      ? QUICK_COUNTS
      : SUBSCRIBER_COUNTS;
  const fixed = env.BENCH_FANOUT_PROCESSES ? positiveInteger('BENCH_FANOUT_PROCESSES', env.BENCH_FANOUT_PROCESSES) : undefined;
  return counts.map((count) => ({
    count,
    processes: Math.min(count, fixed ?? Math.min(MAX_PROCESSES, Math.ceil(count / SUBSCRIBERS_PER_PROCESS))),
  }));
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}: ${text} is not a positive integer.`);
  return value;
}

export async function benchFanout(config: BenchConfig, stack: StackChild): Promise<FanoutFigures[]> {
  const admin = stack.local.demoUsers.find((user) => user.groups.includes('admin'))!;
  const { authorization } = await signInAs(stack.local, admin.username, admin.password);
  const publishes = config.quick ? 3 : 20;
  const descriptors = openFileLimit();
  const figures: FanoutFigures[] = [];
  for (const { count, processes } of fanoutPlan(config)) {
    // Each subscriber is a socket in the stack's process and one in a subscriber process.
    if (descriptors !== undefined && count + STACK_DESCRIPTORS > descriptors) {
      const skipped = `the open-file limit (ulimit -n) is ${descriptors}; ${count} subscribers need about ${count + STACK_DESCRIPTORS}`;
      console.error(`fan-out: ${count} subscribers skipped: ${skipped}`);
      figures.push({ ...NOT_RUN, subscribers: count, publishes, skipped });
      continue;
    }
    console.error(
      `fan-out: ${count} subscriber${count === 1 ? '' : 's'} in ${processes} process${processes === 1 ? '' : 'es'} …`,
    );
    const before = await stack.memory();
    const clients = await startClients(stack.local, authorization, count, processes);
    try {
      const after = await stack.memory();
      // One unmeasured publish: the first delivery to a new set of sockets is the slowest.
      await publishOnce(stack, clients);
      const latencies: number[] = [];
      const lasts: number[] = [];
      let missed = 0;
      const cpuBefore = await stack.cpuMs();
      for (let i = 0; i < publishes; i += 1) {
        const outcome = await publishOnce(stack, clients);
        latencies.push(...outcome.latencies);
        if (outcome.latencies.length > 0) lasts.push(outcome.latencies.reduce((a, b) => Math.max(a, b)));
        missed += outcome.missed;
      }
      const stackCpuMsPerPublish = ((await stack.cpuMs()) - cpuBefore) / publishes;
      const sorted = Float64Array.from(latencies).sort();
      figures.push({
        subscribers: count,
        processes,
        publishes,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        lastMs: median(lasts),
        bytesPerConnection: count >= MEMORY_MIN_CONNECTIONS ? (after.heapBytes - before.heapBytes) / count : Number.NaN,
        residentBytesPerConnection:
          count >= MEMORY_MIN_CONNECTIONS ? (after.residentBytes - before.residentBytes) / count : Number.NaN,
        missed,
        stackCpuMsPerPublish,
      });
    } finally {
      await Promise.all(clients.map((client) => client.stop()));
      // The stack lets go of a closed connection up to a second later (connection.ts gives a
      // client that long to answer the close): the next count's memory baseline waits for that.
      await sleep(RELEASE_MS);
    }
  }
  return figures;
}

const NOT_RUN = {
  processes: 0,
  p50Ms: Number.NaN,
  p99Ms: Number.NaN,
  lastMs: Number.NaN,
  bytesPerConnection: Number.NaN,
  residentBytesPerConnection: Number.NaN,
  missed: 0,
  stackCpuMsPerPublish: Number.NaN,
};

/** The soft limit on open files that this process (and so the stack's and the subscribers') has; undefined where /proc is not. */
function openFileLimit(): number | undefined {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === 'unlimited' ? undefined : Number(soft);
  } catch {
    return undefined;
  }
}

/** A subscriber process (bench/fanoutClients.ts) holding some of the subscribers. */
interface ClientProcess {
  readonly subscribers: number;
  ask(line: string, answerPrefix: string, timeoutMs: number): Promise<string>;
  stop(): Promise<void>;
}

async function startClients(
  local: LocalEndpoints,
  authorization: string,
  count: number,
  processes: number,
): Promise<ClientProcess[]> {
  const shares = Array.from({ length: processes }, (_, i) => Math.floor(count / processes) + (i < count % processes ? 1 : 0));
  const started = await Promise.allSettled(shares.map((share) => startClient(local, authorization, share)));
  const clients = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failed = started.find((outcome) => outcome.status === 'rejected');
  if (failed) {
    await Promise.all(clients.map((client) => client.stop()));
    throw failed.reason;
  }
  // The receipts are compared with this process's clock: both must be the machine's one monotonic clock.
  for (const client of clients) {
    const before = process.hrtime.bigint();
    const theirs = BigInt(await client.ask('CLOCK', 'CLOCK ', 5000));
    const after = process.hrtime.bigint();
    if (theirs < before || theirs > after) {
      await Promise.all(clients.map((c) => c.stop()));
      throw new Error(
        "fan-out: a subscriber process does not share this process's monotonic clock; its receipt times cannot be compared.",
      );
    }
  }
  return clients;
}

async function startClient(local: LocalEndpoints, authorization: string, subscribers: number): Promise<ClientProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLIENT_SCRIPT], {
    env: {
      ...process.env,
      FANOUT_URL: local.realtimeUrl,
      FANOUT_AUTHORIZATION: authorization,
      FANOUT_COUNT: String(subscribers),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4000);
  });
  const lines = createInterface({ input: child.stdout! });
  const waiting: { prefix: string; answer: (rest: string) => void }[] = [];
  lines.on('line', (line) => {
    const index = waiting.findIndex((w) => line.startsWith(w.prefix));
    if (index < 0) return;
    const [{ prefix, answer }] = waiting.splice(index, 1) as [(typeof waiting)[number]];
    answer(line.slice(prefix.length));
  });
  const exited = new Promise<never>((_, fail) =>
    child.once('exit', (code, signal) =>
      fail(new Error(`a subscriber process exited (${signal ?? `code ${code}`}).\n${errors}`)),
    ),
  );
  exited.catch(() => undefined);
  const ask = (line: string, answerPrefix: string, timeoutMs: number): Promise<string> => {
    let timer: NodeJS.Timeout | undefined;
    const answered = new Promise<string>((answer, fail) => {
      waiting.push({ prefix: answerPrefix, answer });
      timer = setTimeout(
        () => fail(new Error(`a subscriber process did not answer ${line} within ${timeoutMs} ms.\n${errors}`)),
        timeoutMs,
      );
      if (line) child.stdin!.write(`${line}\n`);
    });
    return Promise.race([answered, exited]).finally(() => clearTimeout(timer));
  };
  const client: ClientProcess = { subscribers, ask, stop: () => stopChild(child) };
  try {
    // Connecting is paced by the stack's authentication of each connection and start.
    await ask('', 'READY ', 60_000 + subscribers * 20);
    return client;
  } catch (error) {
    await client.stop();
    throw error;
  }
}

async function publishOnce(
  stack: StackChild,
  clients: readonly ClientProcess[],
): Promise<{ latencies: number[]; missed: number }> {
  const orderId = `bench-${randomUUID()}`;
  const input = {
    orderId,
    userId: 'bench-user',
    status: 'PACKAGING',
    previousStatus: 'NEW',
    modifiedDate: new Date().toISOString(),
  };
  const request = await signedPublish(stack, JSON.stringify({ query: PUBLISH, variables: { input } }));
  const sent = process.hrtime.bigint();
  const response = await fetch(stack.local.graphqlUrl, {
    method: 'POST',
    headers: request.headers,
    body: request.body as string,
  });
  const answer = (await response.json()) as { errors?: unknown[] };
  if (answer.errors) throw new Error(`publishOrderStatus failed: ${JSON.stringify(answer.errors)}`);
  const until = sent + BigInt(DELIVERY_TIMEOUT_MS) * 1_000_000n;
  const answers = await Promise.all(
    clients.map((client) =>
      client.ask(`COLLECT ${orderId} ${sent} ${until}`, `COLLECT ${orderId} `, DELIVERY_TIMEOUT_MS + 30_000),
    ),
  );
  const latencies: number[] = [];
  let missed = 0;
  for (const line of answers) {
    const [missing, times] = line.split(' ');
    missed += Number(missing);
    if (times) for (const ms of times.split(',')) latencies.push(Number(ms));
  }
  return { latencies, missed };
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

function ms(value: number): string {
  return Number.isNaN(value) ? '–' : value.toFixed(1);
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
    'stack CPU ms/publish',
  ];
  const rows = figures.map((f) => [
    `${f.subscribers} subscriber${f.subscribers === 1 ? '' : 's'} (${f.processes} process${f.processes === 1 ? '' : 'es'}) × ${f.publishes} publishes`,
    ms(f.p50Ms),
    ms(f.p99Ms),
    ms(f.lastMs),
    kib(f.bytesPerConnection),
    kib(f.residentBytesPerConnection),
    String(f.missed),
    ms(f.stackCpuMsPerPublish),
  ]);
  return [
    'fan-out on the whole local stack: admin subscribers (one WebSocket each, in subscriber processes) of onOrderStatusChanged; time from sending the IAM-signed mutation to each receipt',
    '',
    ...alignColumns([header, ...rows]),
    ...figures.filter((f) => f.skipped).map((f) => `not run: ${f.subscribers} subscribers: ${f.skipped}`),
  ].join('\n');
}
