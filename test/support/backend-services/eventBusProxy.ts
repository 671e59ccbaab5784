// Stands between a handler and the local event bus: passes PutEvents requests through unchanged
// (the Host header too, so that their signatures still hold), counts them, and on demand answers
// as EventBridge does when it fails some entries of a request.
import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EventBusProxy {
  readonly url: string;
  /** PutEvents requests seen. */
  requests(): number;
  /** While set, every request is answered with each entry failed (FailedEntryCount > 0). */
  failEntries(fail: boolean): void;
  close(): Promise<void>;
}

export async function startEventBusProxy(busUrl: string): Promise<EventBusProxy> {
  const target = new URL(busUrl);
  let requests = 0;
  let failing = false;
  const server = createServer((incoming, response) => {
    requests += 1;
    if (failing) {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const { Entries = [] } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Entries?: unknown[] };
        const failed = Entries.map(() => ({ ErrorCode: 'InternalFailure', ErrorMessage: 'Internal service error.' }));
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ FailedEntryCount: failed.length, Entries: failed }));
      });
      return;
    }
    const upstream = forward(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    failEntries: (fail) => {
      failing = fail;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
