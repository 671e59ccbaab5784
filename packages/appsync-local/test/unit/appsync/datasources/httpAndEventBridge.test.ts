import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBridgeDataSource } from '../../../../src/appsync/datasources/eventbridge.ts';
import { createHttpDataSource } from '../../../../src/appsync/datasources/http.ts';
import { findFreePort } from '../../../../src/ports.ts';
import { verifySigV4 } from '../../../../src/iam/sigv4.ts';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  signature: string;
}

const credentials = { accessKeyId: 'AKIAAPPSYNCROLE00001', secretAccessKey: 'role-secret-key' };
const received: Received[] = [];
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(request.url ?? '/', 'http://x');
      const verdict = await verifySigV4(
        {
          method: request.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: request.headers,
          body,
        },
        {
          service: request.headers['x-amz-target'] ? 'events' : 'execute-api',
          region: 'eu-west-1',
          principals: (id) =>
            id === credentials.accessKeyId ? { ...credentials, accountId: '1', userArn: 'arn', username: 'role' } : undefined,
        },
      );
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
        signature: verdict.ok ? 'valid' : verdict.reason,
      });
      if (request.headers['x-amz-target'] === 'AWSEvents.PutEvents') {
        const entries = (JSON.parse(body) as { Entries: unknown[] }).Entries;
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify({ FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `event-${i}` })) }));
        return;
      }
      response.writeHead(201, { 'content-type': 'application/json', 'x-backend': 'orders' });
      response.end(JSON.stringify({ echoed: body ? JSON.parse(body) : null, query: url.search }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
});

describe('HTTP data source', () => {
  it('makes the request and hands back statusCode, headers and body as ctx.result', async () => {
    const http = createHttpDataSource({ endpoint });
    const response = await http.invoke({
      method: 'POST',
      resourcePath: '/prod/orders',
      params: { query: { dryRun: 'true' }, headers: { 'content-type': 'application/json' }, body: { sku: 'a' } },
    });
    expect(response.error).toBeUndefined();
    expect(response.result).toEqual({
      statusCode: 201,
      headers: expect.objectContaining({ 'x-backend': 'orders' }),
      body: JSON.stringify({ echoed: { sku: 'a' }, query: '?dryRun=true' }),
    });
  });

  it('signs the request with SigV4 when the data source has an IAM config, as the backend can verify', async () => {
    const http = createHttpDataSource({
      endpoint,
      iam: { signingRegion: 'eu-west-1', signingServiceName: 'execute-api', credentials },
    });
    await http.invoke({ method: 'POST', resourcePath: '/prod/pricing', params: { body: '{"a":1}', query: { q: 'x y' } } });
    expect(received.at(-1)).toEqual(expect.objectContaining({ method: 'POST', signature: 'valid' }));
    expect(String(received.at(-1)!.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAAPPSYNCROLE00001\/\d{8}\/eu-west-1\/execute-api\/aws4_request/,
    );
  });

  it('sends no signature without an IAM config', async () => {
    const http = createHttpDataSource({ endpoint });
    await http.invoke({ method: 'GET', resourcePath: '/prod/health' });
    expect(received.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('reports an unreachable endpoint as ctx.error, not as a crash', async () => {
    const http = createHttpDataSource({ endpoint: `http://127.0.0.1:${await findFreePort()}`, timeoutMs: 2000 });
    const response = await http.invoke({ method: 'GET', resourcePath: '/' });
    expect(response).toEqual({
      result: null,
      error: { type: 'HTTP:ConnectionError', message: expect.stringContaining('ECONNREFUSED') },
    });
  });

  it.each([
    [{ method: 'FETCH', resourcePath: '/' }, 'Unsupported HTTP method: FETCH.'],
    [{ method: 'GET', resourcePath: 'no-slash' }, 'resourcePath must be a string that starts with "/".'],
  ])('refuses the malformed request %j', async (request, message) => {
    const http = createHttpDataSource({ endpoint });
    expect(await http.invoke(request)).toEqual({ result: null, error: { type: 'HTTP:InvalidRequest', message } });
  });
});

describe('AMAZON_EVENTBRIDGE data source', () => {
  it('puts the events on its bus through the AWS JSON 1.1 protocol, signed for events', async () => {
    const bus = createEventBridgeDataSource({ eventBusName: 'commerce', region: 'eu-west-1', endpoint, credentials });
    const response = await bus.invoke({
      operation: 'PutEvents',
      events: [{ source: 'ecommerce.orders', detailType: 'OrderCreated', detail: { orderId: 'o-1' }, resources: ['arn:x'] }],
    });
    bus.close?.();
    expect(response).toEqual({ result: { Entries: [{ EventId: 'event-0' }], FailedEntryCount: 0 } });
    const request = received.at(-1)!;
    expect(request.signature).toBe('valid');
    expect(JSON.parse(request.body)).toEqual({
      Entries: [
        {
          EventBusName: 'commerce',
          Source: 'ecommerce.orders',
          DetailType: 'OrderCreated',
          Detail: '{"orderId":"o-1"}',
          Resources: ['arn:x'],
        },
      ],
    });
  });

  it('refuses anything but PutEvents with 1 to 10 events', async () => {
    const bus = createEventBridgeDataSource({ eventBusName: 'commerce', region: 'eu-west-1', endpoint, credentials });
    expect((await bus.invoke({ operation: 'PutRule' })).error?.type).toBe('EventBridge:ValidationException');
    expect((await bus.invoke({ operation: 'PutEvents', events: [] })).error?.type).toBe('EventBridge:ValidationException');
    bus.close?.();
  });
});
