import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidDefinitionError,
  type RouteDefinition,
  type RunningRestApi,
  startRestApi,
} from '../../../src/apigateway/index.ts';
import { createRouter, selectMethod } from '../../../src/apigateway/routing.ts';
import { apiDefinition, echoHandler, signedFetch } from './support.ts';

const { handler } = echoHandler();
const route = (method: RouteDefinition['method'], path: string): RouteDefinition => ({
  method,
  path,
  functionName: `${method} ${path}`,
  handler,
});

describe('createRouter', () => {
  const router = createRouter([
    route('GET', '/products'),
    route('GET', '/products/featured'),
    route('GET', '/products/{productId}'),
    route('POST', '/products/{productId}/reviews'),
    route('ANY', '/products/{productId}/reviews'),
    route('ANY', '/{proxy+}'),
  ]);
  const resolve = (path: string, method = 'GET') => {
    const match = router.match(path);
    return match && { route: selectMethod(match.resource, method)?.functionName, pathParameters: match.pathParameters };
  };

  it('prefers a literal path part to a path parameter', () => {
    expect(resolve('/products/featured')).toEqual({ route: 'GET /products/featured', pathParameters: {} });
  });

  it('prefers a path parameter to a greedy one', () => {
    expect(resolve('/products/p-1')).toEqual({ route: 'GET /products/{productId}', pathParameters: { productId: 'p-1' } });
  });

  it('falls back to the greedy resource when nothing more specific matches', () => {
    expect(resolve('/orders/o-1/lines')).toEqual({ route: 'ANY /{proxy+}', pathParameters: { proxy: 'orders/o-1/lines' } });
  });

  it('takes the exact method before ANY on the same resource', () => {
    expect(resolve('/products/p-1/reviews', 'POST')?.route).toBe('POST /products/{productId}/reviews');
    expect(resolve('/products/p-1/reviews', 'DELETE')?.route).toBe('ANY /products/{productId}/reviews');
  });

  it('does not look for the method on another resource', () => {
    expect(resolve('/products/p-1', 'DELETE')).toEqual({ route: undefined, pathParameters: { productId: 'p-1' } });
  });

  it('does not match the root with a greedy resource, which needs at least one segment', () => {
    expect(router.match('/')).toBeUndefined();
  });

  it('matches literal parts whatever their percent-encoding', () => {
    expect(resolve('/pro%64ucts')?.route).toBe('GET /products');
  });
});

describe('a request that matches no method', () => {
  let api: RunningRestApi;
  beforeAll(async () => {
    api = await startRestApi(apiDefinition({ routes: [route('GET', '/products/{productId}')] }));
  });
  afterAll(() => api.close());

  async function expectMissingAuthenticationToken(response: Response): Promise<void> {
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await response.text()).toBe('{"message":"Missing Authentication Token"}');
  }

  it('answers an unknown path with 403 Missing Authentication Token', async () => {
    await expectMissingAuthenticationToken(await signedFetch(`${api.url}/orders/o-1`));
  });

  it('answers an unknown method on a known path with 403 Missing Authentication Token', async () => {
    await expectMissingAuthenticationToken(await signedFetch(`${api.url}/products/p-1`, { method: 'DELETE' }));
  });

  it('answers HEAD on a GET-only resource with 403 Missing Authentication Token, as HEAD must be declared', async () => {
    const response = await signedFetch(`${api.url}/products/p-1`, { method: 'HEAD' });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('answers the stage root with no method on it with 403 Missing Authentication Token', async () => {
    await expectMissingAuthenticationToken(await signedFetch(api.url));
  });

  it('answers a path outside the stage with 403 Forbidden', async () => {
    const origin = new URL(api.url).origin;
    for (const path of ['/', '/staging/products/p-1', '/products/p-1']) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status).toBe(403);
      expect(response.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
      expect(await response.text()).toBe('{"message":"Forbidden"}');
    }
  });
});

describe('a REST API definition', () => {
  const start = (routes: RouteDefinition[], stage = 'prod') => startRestApi(apiDefinition({ routes, stage }));

  it('is refused with a stage name API Gateway does not allow', async () => {
    await expect(start([route('GET', '/a')], 'prod v1')).rejects.toThrow(InvalidDefinitionError);
  });

  it('is refused with the same method twice on a resource', async () => {
    await expect(start([route('GET', '/a'), route('GET', '/a')])).rejects.toThrow(/GET \/a is defined twice/);
  });

  it('is refused with a greedy path variable that is not last', async () => {
    await expect(start([route('GET', '/{proxy+}/a')])).rejects.toThrow(/must be the last part/);
  });

  it('is refused with an integration timeout under 50 ms', async () => {
    await expect(start([{ ...route('GET', '/a'), timeoutMs: 10 }])).rejects.toThrow(/at least 50 ms/);
  });
});
