import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidInputError, ServiceError } from '../../../../backend-services/platform/errors.ts';
import { apiGatewayHandler, type Request, type Route } from '../../../../backend-services/platform/http.ts';
import { aLambdaContext, aProxyEvent } from '../../../support/backend-services/proxyEvents.ts';

const logger = new Logger({ serviceName: 'http-test', logLevel: 'SILENT' });
const context = aLambdaContext();
/** The adapter over `route`, with the test's logger; called with an event and the context. */
const handlerOf = (route: Route) => {
  const handler = apiGatewayHandler(route, logger);
  return (event: Parameters<typeof handler>[0]) => handler(event, context);
};

describe('apiGatewayHandler', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives the route the Lambda context it was invoked with', async () => {
    const route = vi.fn(async () => ({ body: {} }));
    await handlerOf(route)(aProxyEvent());
    expect(route).toHaveBeenCalledWith(expect.objectContaining({ method: 'GET' }), context);
  });

  it('gives the route a plain request: decoded path and parameters, lower-case headers, the body parsed', async () => {
    let seen: Request | undefined;
    const handler = handlerOf(async (request) => {
      seen = request;
      return { body: {} };
    });
    await handler(
      aProxyEvent({
        httpMethod: 'POST',
        path: '/products/a%20b',
        pathParameters: { productId: 'a%20b' },
        queryStringParameters: { limit: '5' },
        headers: { 'Content-Type': 'application/json' },
        body: '{"productIds":["a"]}',
      }),
    );
    expect(seen).toEqual({
      method: 'POST',
      path: '/products/a b',
      pathParameters: { productId: 'a b' },
      query: { limit: '5' },
      headers: { 'content-type': 'application/json' },
      body: { productIds: ['a'] },
    });
  });

  it('decodes a base64 body', async () => {
    const route = vi.fn(async (request: Request) => ({ body: request.body }));
    const result = await handlerOf(route)(
      aProxyEvent({ body: Buffer.from('{"a":1}').toString('base64'), isBase64Encoded: true }),
    );
    expect(JSON.parse(result.body)).toEqual({ a: 1 });
  });

  it('answers what the route returns as JSON, 200 unless it says otherwise', async () => {
    expect(await handlerOf(async () => ({ body: { ok: true } }))(aProxyEvent())).toEqual({
      statusCode: 200,
      headers: { 'Content-Type': 'application/json' },
      body: '{"ok":true}',
    });
    expect((await handlerOf(async () => ({ statusCode: 201, body: null }))(aProxyEvent())).statusCode).toBe(201);
  });

  it('answers 400 INVALID_INPUT for a body that is not JSON, without calling the route', async () => {
    const route = vi.fn(async () => ({ body: {} }));
    const result = await handlerOf(route)(aProxyEvent({ body: '{"unterminated' }));
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toEqual({ error: { code: 'INVALID_INPUT', message: 'The request body is not valid JSON.' } });
    expect(route).not.toHaveBeenCalled();
  });

  it('answers 400 INVALID_INPUT for a path parameter that is not validly percent-encoded', async () => {
    const result = await handlerOf(async () => ({ body: {} }))(aProxyEvent({ pathParameters: { productId: '%E0%A4%A' } }));
    expect(result.statusCode).toBe(400);
  });

  it('answers a thrown service error with its status and {error: {code, message, …details}}', async () => {
    const handler = handlerOf(async () => {
      throw new ServiceError(409, 'CONFLICT', 'Already there.', { productId: 'p-1' });
    });
    const result = await handler(aProxyEvent());
    expect(result.statusCode).toBe(409);
    expect(JSON.parse(result.body)).toEqual({ error: { code: 'CONFLICT', message: 'Already there.', productId: 'p-1' } });
  });

  it('answers 500 INTERNAL_ERROR for anything else, logging it but not telling the caller', async () => {
    const log = vi.spyOn(logger, 'error');
    const failure = new Error('secret table name');
    const result = await handlerOf(async () => {
      throw failure;
    })(aProxyEvent());
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toEqual({ error: { code: 'INTERNAL_ERROR', message: expect.any(String) } });
    expect(result.body).not.toContain('secret');
    expect(log).toHaveBeenCalledExactlyOnceWith(expect.any(String), {
      method: 'GET',
      path: '/products/p-1',
      requestId: 'request-1',
      error: failure,
    });
  });

  it('passes no body to the route when there is none', async () => {
    const route = vi.fn(async (request: Request) => ({ body: { got: request.body === undefined } }));
    expect(JSON.parse((await handlerOf(route)(aProxyEvent({ body: '' }))).body)).toEqual({ got: true });
    expect(new InvalidInputError('x').statusCode).toBe(400);
  });
});
