// Powertools for AWS Lambda around every handler: a structured log of each invocation with its
// Lambda context, the service's metrics published when it returns, and an X-Ray subsegment
// (holding an API answer's status and size, not its body: tracedResponse).
// Off Lambda (the local stack, tests) there is no X-Ray daemon and no CloudWatch agent reading
// stdout: the tracer turns itself off without AWS_EXECUTION_ENV, metrics are disabled unless
// POWERTOOLS_METRICS_DISABLED says otherwise, and the logger says only warnings and errors unless
// POWERTOOLS_LOG_LEVEL says otherwise.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { optionalEnv } from './env.ts';

/** The Lambda context, as Powertools reads it. */
export type Context = Parameters<Logger['addContext']>[0];

export const METRICS_NAMESPACE = 'commerce';

export interface Observability {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
}

const byService = new Map<string, Observability>();

/** The logger, metrics and tracer of a service (`POWERTOOLS_SERVICE_NAME`, or its folder's name). */
export function observabilityOf(serviceFolder: string): Observability {
  const serviceName = optionalEnv('POWERTOOLS_SERVICE_NAME') ?? serviceFolder;
  let observability = byService.get(serviceName);
  if (!observability) {
    observability = createObservability(serviceName);
    byService.set(serviceName, observability);
  }
  return observability;
}

/**
 * Wraps a handler: logs the invocation with its Lambda context, traces it, and publishes the
 * service's metrics however it ends. The handler keeps its own signature.
 */
export function observedHandler<Handler extends (event: never, context: never) => Promise<unknown>>(
  serviceFolder: string,
  handler: Handler,
): Handler {
  const { logger, metrics, tracer } = observabilityOf(serviceFolder);
  const observed = async (event: Parameters<Handler>[0], context: Parameters<Handler>[1] | undefined) => {
    const lambdaContext = asLambdaContext(context);
    const name = lambdaContext?.functionName ?? serviceFolder;
    if (lambdaContext) logger.addContext(lambdaContext);
    logger.logEventIfEnabled(event);
    logger.info('Invoked');
    if (isOnLambda()) metrics.captureColdStartMetric(name);
    const segment = tracer.getSegment();
    const subsegment = segment?.addNewSubsegment(`## ${name}`);
    if (subsegment) tracer.setSegment(subsegment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      const result = await handler(event, context as Parameters<Handler>[1]);
      tracer.addResponseAsMetadata(tracedResponse(result), name);
      return result;
    } catch (error) {
      if (error instanceof Error) tracer.addErrorAsMetadata(error);
      throw error;
    } finally {
      subsegment?.close();
      if (segment) tracer.setSegment(segment);
      // Publishing nothing only warns that there is nothing.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
  return observed as Handler;
}

/**
 * What the trace keeps of a handler's result. An API Gateway result is kept as its status and
 * its body's size, never its body: the function's subsegment goes to X-Ray as one document of at
 * most 64 KB, so a large answer (a batch-get of 100 products, a page of orders) would cost the
 * whole subsegment, its annotations and errors with it; a body holds what shoppers entered
 * (names, addresses, emails), which traces need not hold; and each body would be serialized
 * again, escaped inside the document, on every invocation. Anything else (a stream's
 * batchItemFailures, nothing) is small and kept as it is.
 */
export function tracedResponse(result: unknown): unknown {
  if (typeof result !== 'object' || result === null) return result;
  const { statusCode, body } = result as { statusCode?: unknown; body?: unknown };
  if (typeof statusCode !== 'number' || typeof body !== 'string') return result;
  return { statusCode, bodyBytes: Buffer.byteLength(body) };
}

let sdkTracer: Tracer | undefined;

/** An AWS SDK v3 client whose calls are X-Ray subsegments on Lambda; elsewhere the client as it is. */
export function tracedAwsClient<Client>(client: Client): Client {
  sdkTracer ??= new Tracer();
  return sdkTracer.captureAWSv3Client(client);
}

function createObservability(serviceName: string): Observability {
  if (!isOnLambda()) process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  return {
    logger: new Logger({
      serviceName,
      ...(isOnLambda() || optionalEnv('POWERTOOLS_LOG_LEVEL') ? {} : { logLevel: 'WARN' as const }),
    }),
    metrics: new Metrics({ serviceName, namespace: METRICS_NAMESPACE }),
    tracer: new Tracer({ serviceName }),
  };
}

/** Tests call handlers with an event alone, or with a context of the fields they need. */
function asLambdaContext(context: unknown): Context | undefined {
  const isContext = typeof context === 'object' && context !== null && 'functionName' in context && 'awsRequestId' in context;
  return isContext ? (context as Context) : undefined;
}

/** Lambda sets AWS_EXECUTION_ENV (`AWS_Lambda_nodejs24.x`); the local stack does not. */
function isOnLambda(): boolean {
  return optionalEnv('AWS_EXECUTION_ENV')?.startsWith('AWS_Lambda') ?? false;
}
