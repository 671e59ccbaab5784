// A stand-in for a backend service's REST API, for tests of how resolvers call a service and map
// what it answers: it records each request and answers with what the test set.
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

export interface ServiceStub {
  /** Scheme, host and port: what a data source's endpoint is. */
  readonly origin: string;
  /** Every request so far, oldest first. */
  readonly requests: StubRequest[];
  /** What the stub answers from now on. */
  answerWith(answer: StubAnswer): void;
  close(): Promise<void>;
}

/** A JSON answer. */
export function json(status: number, body: unknown): StubAnswer {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export async function startServiceStub(): Promise<ServiceStub> {
  const requests: StubRequest[] = [];
  let answer: StubAnswer = json(500, { message: 'The test set no answer.' });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(answer.status, answer.headers ?? {});
      response.end(answer.body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answerWith: (next) => {
      answer = next;
    },
    close: () => new Promise((done) => server.close(() => done())),
  };
}
