import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProxyHandler, type RunningRestApi, startRestApi } from '../../../src/apigateway/index.ts';
import type { LambdaContext } from '../../../src/apigateway/index.ts';
import { ACCOUNT_ID, apiDefinition, collectLog, echoHandler, REGION, signedFetch, sleep } from './support.ts';

const INTERNAL_SERVER_ERROR = '{"message": "Internal server error"}';

describe('the Lambda proxy integration', () => {
  const logs = collectLog();
  const echo = echoHandler();
  const results = new Map<string, unknown>();
  const contexts: LambdaContext[] = [];
  let api: RunningRestApi;

  const returning: ProxyHandler = async (event) => results.get(event.pathParameters!.name!) as never;
  const slow: ProxyHandler = async (_event, context) => {
    contexts.push(context);
    await sleep(1500);
    return { statusCode: 200, body: 'late' };
  };

  beforeAll(async () => {
    api = await startRestApi(
      apiDefinition({
        routes: [
          { method: 'GET', path: '/echo', functionName: 'echo', handler: echo.handler },
          { method: 'GET', path: '/results/{name}', functionName: 'returning', handler: returning },
          {
            method: 'GET',
            path: '/throws',
            functionName: 'products-throws',
            handler: async () => {
              throw new TypeError('price is not a number');
            },
          },
          { method: 'GET', path: '/slow', functionName: 'slow', handler: slow, timeoutMs: 100 },
          { method: 'GET', path: '/slow-function', functionName: 'slowFunction', handler: slow, functionTimeoutMs: 100 },
        ],
        binaryMediaTypes: ['image/png'],
      }),
      { log: logs.log },
    );
  });
  afterAll(() => api.close());

  async function resultOf(payload: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const name = `r${results.size}`;
    results.set(name, payload);
    return signedFetch(`${api.url}/results/${name}`, { headers });
  }

  async function expectInternalServerError(response: Response): Promise<void> {
    expect(response.status).toBe(502);
    expect(response.headers.get('x-amzn-errortype')).toBe('InternalServerErrorException');
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(await response.text()).toBe(INTERNAL_SERVER_ERROR);
  }

  it("sends the handler's status, headers and body", async () => {
    const response = await resultOf({ statusCode: 201, headers: { 'x-product-id': 'p-1' }, body: '{"ok":true}' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-product-id')).toBe('p-1');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-amz-apigw-id')).toBeTruthy();
    expect(await response.text()).toBe('{"ok":true}');
  });

  it('answers application/json when the handler sets no Content-Type', async () => {
    const response = await resultOf({ statusCode: 200, body: 'plain' });
    expect(response.headers.get('content-type')).toBe('application/json');
  });

  it('answers 200 with an empty body for an empty result, as API Gateway does', async () => {
    const response = await resultOf({});
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('accepts a status code given as a string', async () => {
    expect((await resultOf({ statusCode: '404', body: '' })).status).toBe(404);
  });

  it('merges headers and multiValueHeaders, multiValueHeaders winning for a name in both', async () => {
    const response = await resultOf({
      statusCode: 200,
      headers: { 'x-single': 'one', 'x-both': 'from-headers', 'x-flag': true, 'x-count': 3 },
      multiValueHeaders: { 'x-both': ['a', 'b'], 'set-cookie': ['a=1', 'b=2'] },
      body: '',
    });
    expect(response.headers.get('x-single')).toBe('one');
    expect(response.headers.get('x-both')).toBe('a, b');
    expect(response.headers.get('x-flag')).toBe('true');
    expect(response.headers.get('x-count')).toBe('3');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it('remaps the framing headers a handler sets', async () => {
    const response = await resultOf({ statusCode: 200, headers: { Server: 'lambda', Date: 'yesterday' }, body: 'x' });
    expect(response.headers.get('x-amzn-remapped-server')).toBe('lambda');
    expect(response.headers.get('x-amzn-remapped-date')).toBe('yesterday');
    expect(response.headers.get('server')).toBeNull();
  });

  it('decodes a base64 body when the Accept header names a binary media type', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
    const payload = {
      statusCode: 200,
      headers: { 'content-type': 'image/png' },
      body: png.toString('base64'),
      isBase64Encoded: true,
    };
    const binary = await resultOf(payload, { accept: 'image/png' });
    expect(Buffer.from(await binary.arrayBuffer())).toEqual(png);
    const text = await resultOf(payload, { accept: 'application/json' });
    expect(await text.text()).toBe(png.toString('base64'));
  });

  it('answers 502 Internal server error, and logs the error the way CloudWatch gets it, when the handler throws', async () => {
    const response = await signedFetch(`${api.url}/throws`);
    await expectInternalServerError(response);
    const line = logs.lines.find((entry) => entry.includes('price is not a number'));
    expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\t[0-9a-f-]{36}\tERROR\tInvoke Error \t\{/);
    const details = JSON.parse(line!.split('\t').at(-1)!) as { errorType: string; errorMessage: string; stack: string[] };
    expect(details).toMatchObject({ errorType: 'TypeError', errorMessage: 'price is not a number' });
    expect(details.stack[0]).toBe('TypeError: price is not a number');
  });

  it.each([
    ['a field API Gateway does not know', { statusCode: 200, body: 'x', message: 'hi' }],
    ['a body that is not a string', { statusCode: 200, body: { ok: true } }],
    ['a status code that is not a number', { statusCode: 'OK', body: '' }],
    ['headers that are not an object', { statusCode: 200, headers: ['x-a'], body: '' }],
    ['a header value that is an object', { statusCode: 200, headers: { 'x-a': { b: 1 } }, body: '' }],
    ['no result at all', undefined],
    ['a string instead of an object', 'OK'],
  ])('answers 502 for a malformed result: %s', async (_case, payload) => {
    await expectInternalServerError(await resultOf(payload));
  });

  it('logs a malformed result the way API Gateway execution logs do', async () => {
    const response = await resultOf({ statusCode: 200, body: 1 });
    const requestId = response.headers.get('x-amzn-requestid')!;
    expect(logs.lines).toContain(`(${requestId}) Endpoint response body before transformations: {"statusCode":200,"body":1}`);
    expect(
      logs.lines.some((entry) =>
        entry.startsWith(`(${requestId}) Execution failed due to configuration error: Malformed Lambda proxy response`),
      ),
    ).toBe(true);
  });

  it('answers 504 Endpoint request timed out when the integration timeout passes', async () => {
    const started = Date.now();
    const response = await signedFetch(`${api.url}/slow`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(response.status).toBe(504);
    expect(response.headers.get('x-amzn-errortype')).toBe('InternalServerErrorException');
    expect(await response.text()).toBe('{"message": "Endpoint request timed out"}');
    expect(logs.lines).toContain(`(${response.headers.get('x-amzn-requestid')}) Execution failed due to a timeout error`);
  });

  it("answers 502 and logs Task timed out when the function's own timeout passes first", async () => {
    const response = await signedFetch(`${api.url}/slow-function`);
    await expectInternalServerError(response);
    const awsRequestId = contexts.at(-1)!.awsRequestId;
    expect(
      logs.lines.some((entry) => new RegExp(`^\\S+Z ${awsRequestId} Task timed out after 0\\.10 seconds$`).test(entry)),
    ).toBe(true);
  });

  it('gives each invocation a context whose remaining time counts down from the timeout', async () => {
    await signedFetch(`${api.url}/slow-function`);
    const context = contexts.at(-1)!;
    expect(context.getRemainingTimeInMillis()).toBe(0);
    const { invocations } = echo;
    await signedFetch(`${api.url}/echo`);
    const remaining = invocations.at(-1)!.remainingAtStart;
    expect(remaining).toBeGreaterThan(28_000);
    expect(remaining).toBeLessThanOrEqual(29_000);
  });

  it('describes the function in the Lambda context', async () => {
    await signedFetch(`${api.url}/echo`);
    const { context } = echo.invocations.at(-1)!;
    expect(context).toMatchObject({
      functionName: 'echo',
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:echo`,
      memoryLimitInMB: '128',
      logGroupName: '/aws/lambda/echo',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(context.awsRequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it('gives 20 concurrent requests each their own context and request ids', async () => {
    const before = echo.invocations.length;
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => signedFetch(`${api.url}/echo?n=${i}`)));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    const invocations = echo.invocations.slice(before);
    expect(invocations).toHaveLength(20);
    expect(new Set(invocations.map(({ context }) => context)).size).toBe(20);
    expect(new Set(invocations.map(({ context }) => context.awsRequestId)).size).toBe(20);
    expect(new Set(invocations.map(({ event }) => event.requestContext.requestId)).size).toBe(20);
    expect(new Set(responses.map((response) => response.headers.get('x-amzn-requestid')))).toEqual(
      new Set(invocations.map(({ event }) => event.requestContext.requestId)),
    );
    expect(invocations.map(({ event }) => event.queryStringParameters!.n).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i)),
    );
  });

  it('reads the result as JSON, as it crosses the invoke API: an undefined field is no field', async () => {
    const response = await resultOf({ statusCode: 200, body: 'ok', multiValueHeaders: undefined, error: undefined });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  });
});

describe('the payload limit', () => {
  it('refuses a body over 10 MB with 413 before any handler runs', async () => {
    const echo = echoHandler();
    const api = await startRestApi(
      apiDefinition({ routes: [{ method: 'POST', path: '/upload', functionName: 'upload', handler: echo.handler }] }),
    );
    try {
      const response = await fetch(`${api.url}/upload`, { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1) });
      expect(response.status).toBe(413);
      expect(await response.text()).toBe('HTTP content length exceeded 10485760 bytes.');
      expect(echo.invocations).toHaveLength(0);
    } finally {
      await api.close();
    }
  });
});
