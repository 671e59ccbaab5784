// A stand-in for a backend service's REST API, for tests of how resolvers call a service and map
// what it answers: it records each request and answers with what the test set, or what the
// test's behaviour makes of the request, when it is ready.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StubAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** An answer worked out from the request, when it is ready (a stand-in for a service that takes its time). */
export type StubBehaviour = (request: StubRequest) => StubAnswer | Promise<StubAnswer>;

export interface ServiceStub {
  /** Scheme, host and port: what a data source's endpoint is. */
  readonly origin: string;
  /** Every request so far, oldest first. */
  readonly requests: StubRequest[];
  /** What the stub answers from now on: always the same, or what a behaviour makes of each request. */
  answerWith(answer: StubAnswer | StubBehaviour): void;
  close(): Promise<void>;
}

/** A JSON answer. */
export function json(status: number, body: unknown): StubAnswer {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export async function startServiceStub(): Promise<ServiceStub> {
  const requests: StubRequest[] = [];
  let behaviour: StubBehaviour = () => json(500, { message: 'The test set no answer.' });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received: StubRequest = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      void Promise.resolve(behaviour(received)).then((answer) => {
        // The caller may have given up meanwhile: then the answer goes nowhere.
        if (response.destroyed) return;
        response.writeHead(answer.status, answer.headers ?? {});
        response.end(answer.body);
      });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answerWith: (next) => {
      behaviour = typeof next === 'function' ? next : () => next;
    },
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
