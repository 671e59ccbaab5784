// Invokes a proxy handler the way API Gateway's Lambda proxy integration does. Two clocks run:
// the function's own timeout (an invocation error, as ../lambda/invoke.ts makes it) and the
// integration timeout (API Gateway stops waiting; the function itself keeps running, as on AWS).
import type { LambdaFunctionInfo } from '../lambda/context.ts';
import { type LogLine, startInvocation } from '../lambda/invoke.ts';
import type { APIGatewayProxyEvent, ProxyHandler } from './lambdaTypes.ts';

export type InvocationOutcome =
  | { kind: 'returned'; payload: unknown; awsRequestId: string }
  | { kind: 'failed'; awsRequestId: string }
  | { kind: 'integrationTimeout'; awsRequestId: string };

export interface InvocationLimits {
  integrationTimeoutMs: number;
  functionTimeoutMs: number | undefined;
}

export async function invokeProxyHandler(
  fn: LambdaFunctionInfo & { handler: ProxyHandler },
  event: APIGatewayProxyEvent,
  limits: InvocationLimits,
  log: LogLine,
): Promise<InvocationOutcome> {
  // The function's timeout only matters when it ends the invocation before API Gateway gives up.
  const functionTimesOutFirst = limits.functionTimeoutMs !== undefined && limits.functionTimeoutMs <= limits.integrationTimeoutMs;
  const invocation = startInvocation(
    fn,
    event,
    { timeoutMs: limits.functionTimeoutMs ?? limits.integrationTimeoutMs, enforceTimeout: functionTimesOutFirst },
    log,
  );
  const { awsRequestId } = invocation;
  const finished = invocation.response.then((result): InvocationOutcome =>
    result.kind === 'returned' ? { kind: 'returned', payload: result.payload, awsRequestId } : { kind: 'failed', awsRequestId },
  );
  if (functionTimesOutFirst) return finished;

  let timer: NodeJS.Timeout | undefined;
  const integrationTimeout = new Promise<InvocationOutcome>((settle) => {
    timer = setTimeout(() => settle({ kind: 'integrationTimeout', awsRequestId }), limits.integrationTimeoutMs);
  });
  try {
    return await Promise.race([finished, integrationTimeout]);
  } finally {
    clearTimeout(timer);
  }
}
