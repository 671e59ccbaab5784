// Invokes a proxy handler the way Lambda does for API Gateway: the event and the result cross a
// JSON boundary, a failure is logged the way the Node.js runtime writes it to CloudWatch, and two
// clocks run: the function's own timeout (an invocation error) and the integration timeout
// (API Gateway stops waiting; the function itself keeps running, as on AWS).
import { createLambdaContext, type LambdaFunctionInfo } from './lambdaContext.ts';
import type { APIGatewayProxyEvent, ProxyHandler } from './lambdaTypes.ts';

export type InvocationOutcome =
  | { kind: 'returned'; payload: unknown; awsRequestId: string }
  | { kind: 'failed'; awsRequestId: string }
  | { kind: 'integrationTimeout'; awsRequestId: string };

export interface InvocationLimits {
  integrationTimeoutMs: number;
  functionTimeoutMs: number | undefined;
}

export type LogLine = (line: string) => void;

export async function invokeProxyHandler(
  fn: LambdaFunctionInfo & { handler: ProxyHandler },
  event: APIGatewayProxyEvent,
  limits: InvocationLimits,
  log: LogLine,
): Promise<InvocationOutcome> {
  const functionTimeoutMs = limits.functionTimeoutMs ?? limits.integrationTimeoutMs;
  const context = createLambdaContext(fn, Date.now() + functionTimeoutMs);
  const { awsRequestId } = context;
  const timers: NodeJS.Timeout[] = [];
  const after = <T>(ms: number, outcome: () => T) => new Promise<T>((done) => timers.push(setTimeout(() => done(outcome()), ms)));

  const run = Promise.resolve()
    .then(() => fn.handler(overJson(event) as APIGatewayProxyEvent, context))
    .then((value): InvocationOutcome => ({
      kind: 'returned',
      payload: value === undefined ? null : overJson(value),
      awsRequestId,
    }))
    .catch((error: unknown): InvocationOutcome => {
      log(invokeErrorLine(awsRequestId, error));
      return { kind: 'failed', awsRequestId };
    });
  const racers: Promise<InvocationOutcome>[] = [run];
  if (limits.functionTimeoutMs !== undefined && limits.functionTimeoutMs <= limits.integrationTimeoutMs) {
    racers.push(
      after(limits.functionTimeoutMs, (): InvocationOutcome => {
        log(`${new Date().toISOString()} ${awsRequestId} Task timed out after ${(functionTimeoutMs / 1000).toFixed(2)} seconds`);
        return { kind: 'failed', awsRequestId };
      }),
    );
  } else {
    racers.push(after(limits.integrationTimeoutMs, (): InvocationOutcome => ({ kind: 'integrationTimeout', awsRequestId })));
  }
  try {
    return await Promise.race(racers);
  } finally {
    for (const timer of timers) clearTimeout(timer);
  }
}

/** What crosses Lambda's invoke API is JSON: class instances, `undefined` fields and Dates do not survive as such. */
function overJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** The line the Node.js runtime writes for an invocation that threw. */
export function invokeErrorLine(awsRequestId: string, error: unknown): string {
  const details =
    error instanceof Error
      ? { errorType: error.name, errorMessage: error.message, stack: (error.stack ?? '').split('\n') }
      : { errorType: typeof error, errorMessage: String(error), stack: [] };
  return `${new Date().toISOString()}\t${awsRequestId}\tERROR\tInvoke Error \t${JSON.stringify(details)}`;
}
