// One invocation of a handler, as Lambda's Invoke API makes it, for every host that runs
// handlers in this process (API Gateway, AppSync's Lambda data source): the event and the result
// cross a JSON boundary as they would over the wire (../jsonCopy.ts, or the text itself where a
// payload quota needs its size), the context is fresh, a failure becomes
// Lambda's error payload and is logged the way the Node.js runtime writes it to CloudWatch, and
// past the function's timeout the invocation fails with `Sandbox.Timedout`. A handler past its
// timeout keeps running: nothing in one process can stop it, so it is only no longer waited for.
import { createLambdaContext, type LambdaContext, type LambdaFunctionInfo } from './context.ts';
import type { FunctionEnvironment } from './environment.ts';
import { jsonCopy } from '../jsonCopy.ts';

export interface LambdaFunction<E> extends LambdaFunctionInfo {
  readonly handler: (event: E, context: LambdaContext) => unknown;
  /** The function's own variables, `process.env` while it runs (and for what it schedules). */
  readonly environment?: FunctionEnvironment;
}

export type InvocationType = 'RequestResponse' | 'Event';

/** The payload Lambda answers with when the function failed (`X-Amz-Function-Error: Unhandled`). */
export interface FunctionError {
  readonly errorType: string;
  readonly errorMessage: string;
}

/** An error of the Invoke API itself (the function never ran): its exception name and message. */
export interface InvokeApiError {
  readonly exception: string;
  readonly message: string;
}

/** What the Invoke API answers: a RequestResponse invocation's result, or an Event's acceptance. */
export type InvokeResponse =
  | { kind: 'returned'; payload: unknown }
  | { kind: 'failed'; error: FunctionError }
  | { kind: 'accepted' }
  | { kind: 'refused'; error: InvokeApiError };

export interface LambdaInvocation {
  readonly awsRequestId: string;
  /**
   * Settles when the function returns, fails or times out (RequestResponse), or at once
   * (Event: the function runs on, its failures only logged, as Lambda's asynchronous invocation
   * reports them to no caller). Never rejects.
   */
  readonly response: Promise<InvokeResponse>;
}

export interface InvokeOptions {
  /** The function's timeout: `getRemainingTimeInMillis()` counts down from it. */
  readonly timeoutMs: number;
  /** False when the caller stops waiting first anyway (API Gateway's integration timeout). Default true. */
  readonly enforceTimeout?: boolean;
  /** Default RequestResponse. It decides the request payload quota. */
  readonly invocationType?: InvocationType;
  /** Refuse what Lambda refuses: an event or (RequestResponse) a result over its payload quotas. */
  readonly payloadQuotas?: boolean;
}

export type LogLine = (line: string) => void;

/**
 * Lambda's payload quotas in bytes (Invoke API reference: "For synchronous invocations, the
 * maximum payload size is 6 MB. For asynchronous invocations, the maximum payload size is 1 MB.").
 * The result's is the number Lambda's own error message gives.
 */
export const PAYLOAD_QUOTAS = {
  RequestResponse: 6 * 1024 * 1024,
  Event: 1024 * 1024,
  result: 6_291_556,
} as const;

export function startInvocation<E>(fn: LambdaFunction<E>, event: E, options: InvokeOptions, log: LogLine): LambdaInvocation {
  const invocationType = options.invocationType ?? 'RequestResponse';
  const context = createLambdaContext(fn, Date.now() + options.timeoutMs);
  const { awsRequestId } = context;
  let delivered: E;
  if (options.payloadQuotas) {
    // The quota is on the JSON's size, so the text is needed anyway.
    const eventJson = JSON.stringify(event) ?? 'null';
    const eventBytes = Buffer.byteLength(eventJson);
    if (eventBytes > PAYLOAD_QUOTAS[invocationType]) {
      const message = `${eventBytes} byte payload is too large for the ${invocationType} invocation type (limit ${PAYLOAD_QUOTAS[invocationType]} bytes)`;
      return {
        awsRequestId,
        response: Promise.resolve({ kind: 'refused', error: { exception: 'RequestTooLargeException', message } }),
      };
    }
    delivered = JSON.parse(eventJson) as E;
  } else {
    delivered = jsonCopy(event) as E;
  }
  const completion = run(fn, delivered, context, options, log);
  if (invocationType === 'Event') return { awsRequestId, response: Promise.resolve({ kind: 'accepted' }) };
  return { awsRequestId, response: completion };
}

type Completion = Extract<InvokeResponse, { kind: 'returned' | 'failed' }>;

/** Runs the handler to its result, its failure or its timeout. */
function run<E>(
  fn: LambdaFunction<E>,
  event: E,
  context: LambdaContext,
  options: InvokeOptions,
  log: LogLine,
): Promise<Completion> {
  const { awsRequestId } = context;
  const limitsResult = options.payloadQuotas === true && (options.invocationType ?? 'RequestResponse') === 'RequestResponse';
  const call = () => fn.handler(event, context);
  const finished = Promise.resolve()
    .then(() => (fn.environment ? fn.environment.run(call) : call()))
    .then((value): Completion => {
      if (!limitsResult) return { kind: 'returned', payload: jsonCopy(value) };
      const payloadJson = JSON.stringify(value) ?? 'null';
      if (Buffer.byteLength(payloadJson) > PAYLOAD_QUOTAS.result) return { kind: 'failed', error: responseTooLarge() };
      return { kind: 'returned', payload: JSON.parse(payloadJson) as unknown };
    })
    .catch((error: unknown): Completion => {
      log(invokeErrorLine(awsRequestId, error));
      return { kind: 'failed', error: functionErrorOf(error) };
    });
  if (options.enforceTimeout === false) return finished;

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Completion>((settle) => {
    timer = setTimeout(() => {
      const seconds = (options.timeoutMs / 1000).toFixed(2);
      log(`${new Date().toISOString()} ${awsRequestId} Task timed out after ${seconds} seconds`);
      const errorMessage = `RequestId: ${awsRequestId} Error: Task timed out after ${seconds} seconds`;
      settle({ kind: 'failed', error: { errorType: 'Sandbox.Timedout', errorMessage } });
    }, options.timeoutMs);
  });
  return Promise.race([finished, timedOut]).finally(() => clearTimeout(timer));
}

/** What the Node.js runtime reports for a handler that threw (or whose result JSON refused). */
function functionErrorOf(error: unknown): FunctionError {
  return error instanceof Error
    ? { errorType: error.name, errorMessage: error.message }
    : { errorType: typeof error, errorMessage: String(error) };
}

function responseTooLarge(): FunctionError {
  return {
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size exceeded maximum allowed payload size (${PAYLOAD_QUOTAS.result} bytes).`,
  };
}

/** The line the Node.js runtime writes for an invocation that threw. */
export function invokeErrorLine(awsRequestId: string, error: unknown): string {
  const { errorType, errorMessage } = functionErrorOf(error);
  const stack = error instanceof Error ? (error.stack ?? '').split('\n') : [];
  return `${new Date().toISOString()}\t${awsRequestId}\tERROR\tInvoke Error \t${JSON.stringify({ errorType, errorMessage, stack })}`;
}
