import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRestApi, startRestApi } from '../../../src/apigateway/index.ts';
import type { APIGatewayProxyEvent } from '../../../src/apigateway/index.ts';
import { ACCOUNT_ID, apiDefinition, appsyncRole, echoHandler, signedFetch, signedHeaders } from './support.ts';

describe('the Lambda proxy event', () => {
  const echo = echoHandler();
  let api: RunningRestApi;

  beforeAll(async () => {
    api = await startRestApi(
      apiDefinition({
        routes: [
          { method: 'GET', path: '/products/{productId}', functionName: 'products-getProduct', handler: echo.handler },
          { method: 'POST', path: '/products', functionName: 'products-createProduct', handler: echo.handler },
          { method: 'PUT', path: '/images', functionName: 'products-putImage', handler: echo.handler },
          { method: 'ANY', path: '/files/{proxy+}', functionName: 'products-files', handler: echo.handler },
          { method: 'GET', path: '/', functionName: 'products-root', handler: echo.handler },
        ],
        binaryMediaTypes: ['image/*', 'application/octet-stream'],
        stageVariables: { tableName: 'products' },
      }),
    );
  });
  afterAll(() => api.close());

  async function eventFor(path: string, options: Parameters<typeof signedFetch>[1] = {}): Promise<APIGatewayProxyEvent> {
    const response = await signedFetch(`${api.url}${path}`, options);
    expect(response.status).toBe(200);
    return JSON.parse(await response.text()) as APIGatewayProxyEvent;
  }

  it('names the resource, the path after the stage and the method', async () => {
    const event = await eventFor('/products/p-1');
    expect(event).toMatchObject({ resource: '/products/{productId}', path: '/products/p-1', httpMethod: 'GET' });
  });

  it('passes path parameters still percent-encoded, as API Gateway does', async () => {
    const event = await eventFor('/products/p%2B1%20x');
    expect(event.pathParameters).toEqual({ productId: 'p%2B1%20x' });
    expect(event.path).toBe('/products/p%2B1%20x');
  });

  it('gives the last value of a repeated query parameter and every value in multiValueQueryStringParameters', async () => {
    const event = await eventFor('/products/p-1?tag=a&tag=b&size=10');
    expect(event.queryStringParameters).toEqual({ tag: 'b', size: '10' });
    expect(event.multiValueQueryStringParameters).toEqual({ tag: ['a', 'b'], size: ['10'] });
  });

  it("form-decodes query values: '+' is a space and %2B a plus", async () => {
    const event = await eventFor('/products/p-1?plus=a+b&encoded=a%2Bb&empty=&flag');
    expect(event.queryStringParameters).toEqual({ plus: 'a b', encoded: 'a+b', empty: '', flag: '' });
  });

  it('sets both query parameter fields to null when there is no query string', async () => {
    const event = await eventFor('/products/p-1');
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
  });

  it('gives the last value of a repeated header and every value in multiValueHeaders', async () => {
    const response = await fetchWithRepeatedHeader();
    const event = JSON.parse(await response.text()) as APIGatewayProxyEvent;
    expect(event.headers['x-trace-tag']).toBe('second');
    expect(event.multiValueHeaders['x-trace-tag']).toEqual(['first', 'second']);
  });

  it('keeps header names as sent, capitalises Host and User-Agent, and adds the forwarding headers', async () => {
    const event = await eventFor('/products/p-1', { headers: { 'X-Custom-Header': 'value', 'user-agent': 'appsync-test' } });
    expect(event.headers).toMatchObject({
      'X-Custom-Header': 'value',
      'User-Agent': 'appsync-test',
      Host: new URL(api.url).host,
      'X-Forwarded-For': '127.0.0.1',
      'X-Forwarded-Proto': 'http',
      'X-Forwarded-Port': new URL(api.url).port,
    });
    expect(event.headers['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('does not pass on the SigV4 Authorization header or hop-by-hop headers', async () => {
    const event = await eventFor('/products', {
      method: 'POST',
      body: '{"name":"Tea"}',
      headers: { 'content-type': 'application/json' },
    });
    const names = Object.keys(event.headers).map((name) => name.toLowerCase());
    expect(names).not.toContain('authorization');
    expect(names).not.toContain('content-length');
    expect(names).not.toContain('connection');
    expect(names).toContain('x-amz-date');
  });

  it('passes a text body as a string and no body as null', async () => {
    const posted = await eventFor('/products', {
      method: 'POST',
      body: '{"name":"Thé vert"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(posted).toMatchObject({ body: '{"name":"Thé vert"}', isBase64Encoded: false });
    const got = await eventFor('/products/p-1');
    expect(got).toMatchObject({ body: null, isBase64Encoded: false });
  });

  it('base64-encodes a body whose content type is one of the binary media types', async () => {
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]);
    const event = await eventFor('/images', { method: 'PUT', body: bytes, headers: { 'content-type': 'image/png' } });
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64')).toEqual(Buffer.from(bytes));
  });

  it('fills requestContext the way API Gateway does', async () => {
    const response = await signedFetch(`${api.url}/products/p-1`);
    const event = JSON.parse(await response.text()) as APIGatewayProxyEvent;
    const context = event.requestContext;
    expect(context).toMatchObject({
      accountId: ACCOUNT_ID,
      apiId: api.restApiId,
      resourcePath: '/products/{productId}',
      httpMethod: 'GET',
      path: '/prod/products/p-1',
      stage: 'prod',
      protocol: 'HTTP/1.1',
      domainName: '127.0.0.1',
      domainPrefix: '127',
    });
    expect(context.requestId).toBe(response.headers.get('x-amzn-requestid'));
    expect(context.extendedRequestId).toBe(response.headers.get('x-amz-apigw-id'));
    expect(context.resourceId).toMatch(/^[a-z0-9]{6}$/);
    expect(context.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(context.requestTimeEpoch - Date.now())).toBeLessThan(5000);
    expect(api.restApiId).toMatch(/^[a-z0-9]{10}$/);
  });

  it('describes the IAM caller in requestContext.identity', async () => {
    const event = await eventFor('/products/p-1', { headers: { 'user-agent': 'AppSync' } });
    expect(event.requestContext.identity).toEqual({
      accessKey: appsyncRole.accessKeyId,
      accountId: appsyncRole.accountId,
      caller: appsyncRole.username,
      user: appsyncRole.username,
      userArn: appsyncRole.userArn,
      sourceIp: '127.0.0.1',
      userAgent: 'AppSync',
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      cognitoAuthenticationType: null,
      cognitoAuthenticationProvider: null,
      principalOrgId: null,
    });
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it("passes the stage's variables", async () => {
    expect((await eventFor('/products/p-1')).stageVariables).toEqual({ tableName: 'products' });
  });

  it('matches a greedy {proxy+} resource with any method and passes the rest of the path', async () => {
    const event = await eventFor('/files/a/b%20c/d.txt', { method: 'DELETE' });
    expect(event).toMatchObject({
      resource: '/files/{proxy+}',
      httpMethod: 'DELETE',
      path: '/files/a/b%20c/d.txt',
      pathParameters: { proxy: 'a/b%20c/d.txt' },
    });
  });

  it('keeps a trailing slash in path but not in the path parameters', async () => {
    const event = await eventFor('/files/a/b/');
    expect(event.path).toBe('/files/a/b/');
    expect(event.pathParameters).toEqual({ proxy: 'a/b' });
    expect(event.requestContext.path).toBe('/prod/files/a/b/');
  });

  it('serves the root resource with path "/" and no path parameters', async () => {
    const event = await eventFor('/');
    expect(event).toMatchObject({ resource: '/', path: '/', pathParameters: null });
    expect(event.requestContext.path).toBe('/prod/');
  });

  /** fetch folds a repeated header into one line, so this request is made with node:http. */
  async function fetchWithRepeatedHeader(): Promise<Response> {
    const url = `${api.url}/products/p-1`;
    const headers = Object.entries(await signedHeaders(url)).flat();
    return new Promise((done, fail) => {
      const req = request(
        url,
        { headers: ['host', new URL(url).host, ...headers, 'x-trace-tag', 'first', 'x-trace-tag', 'second'] },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0 })));
        },
      );
      req.on('error', fail);
      req.end();
    });
  }
});
