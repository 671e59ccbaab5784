import { afterEach, describe, expect, it, vi } from 'vitest';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  type Context,
  observabilityOf,
  observedHandler,
  tracedResponse,
} from '../../../../backend-services/platform/observability.ts';

const lambdaContext = (functionName: string) =>
  ({
    functionName,
    awsRequestId: 'request-1',
    functionVersion: '$LATEST',
    memoryLimitInMB: '512',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
  }) as Context;

/** Each test its own service, so that each gets loggers made under its own environment. */
let services = 0;
const aService = () => `observed-${(services += 1)}`;

const written = () => {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
};

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('observedHandler', () => {
  it('answers what the handler answers, with the arguments it was given', async () => {
    const handler = observedHandler(aService(), (event: { n: number }, context: Context) =>
      Promise.resolve({ n: event.n + 1, name: context.functionName }),
    );
    await expect(handler({ n: 1 }, lambdaContext('f'))).resolves.toEqual({ n: 2, name: 'f' });
  });

  it('rethrows what the handler throws', async () => {
    const failure = new Error('no');
    const handler = observedHandler(aService(), (_event: unknown) => Promise.reject(failure));
    await expect(handler({})).rejects.toBe(failure);
  });

  it('logs the invocation with the Lambda context when the log level lets it', async () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    const service = aService();
    const lines = written();
    await observedHandler(service, (_event: unknown, _context: Context) => Promise.resolve())(
      {},
      lambdaContext('products-getProduct'),
    );
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 'INFO',
        message: 'Invoked',
        service,
        function_name: 'products-getProduct',
        function_request_id: 'request-1',
      }),
    );
  });

  it('says nothing about a successful invocation off Lambda', async () => {
    const lines = written();
    await observedHandler(aService(), (_event: unknown, _context: Context) => Promise.resolve())({}, lambdaContext('quiet'));
    expect(lines).toEqual([]);
  });

  it('publishes no metrics off Lambda, and keeps none for later', async () => {
    const service = aService();
    const lines = written();
    const { metrics } = observabilityOf(service);
    await observedHandler(service, (_event: unknown) => {
      metrics.addMetric('OrdersPlaced', MetricUnit.Count, 1);
      return Promise.resolve();
    })({});
    expect(lines).toEqual([]);
    expect(metrics.hasStoredMetrics()).toBe(false);
  });
});

describe('tracedResponse', () => {
  it('keeps an API Gateway answer as its status and its body’s size in bytes, never the body', () => {
    const answer = { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"name":"Åsa"}' };
    expect(tracedResponse(answer)).toEqual({ statusCode: 200, bodyBytes: 15 });
  });

  it('keeps anything else as it is', () => {
    const failures = { batchItemFailures: [{ itemIdentifier: '1' }] };
    expect(tracedResponse(failures)).toBe(failures);
    expect(tracedResponse(undefined)).toBeUndefined();
  });

  it('is what the handler’s subsegment receives', async () => {
    const service = aService();
    const { tracer } = observabilityOf(service);
    const added = vi.spyOn(tracer, 'addResponseAsMetadata');
    const body = JSON.stringify({ products: Array.from({ length: 100 }, (_, i) => ({ productId: `p-${i}` })) });
    const handler = observedHandler(service, (_event: object, _context: Context) => Promise.resolve({ statusCode: 200, body }));
    await handler({}, lambdaContext('f'));
    expect(added).toHaveBeenCalledWith({ statusCode: 200, bodyBytes: body.length }, 'f');
  });
});
