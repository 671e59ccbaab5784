// AWS_LAMBDA: invokes a handler in this process as Lambda would (../../../lambda/invoke.ts: the
// payload and the result cross JSON, a fresh context, the function's timeout, Lambda's payload
// quotas), with AppSync's request object (request.ts), BatchInvoke's batching (batching.ts) and
// AppSync's answers, documented in the package's README.md:
//
// - Invoke: the function receives the request's `payload`; what it returns is `ctx.result`.
// - BatchInvoke: it receives the list of the batch's payloads and must return a list of the same
//   size and order; each element is its call's `ctx.result`, as it is (null included).
// - invocationType Event: the function runs on its own; `ctx.result` is null at once.
// - A function error (a throw, the timeout, a result too large or not JSON) is `ctx.error`
//   `{ type: 'Lambda:Unhandled', message: <the function's errorMessage>, unhandledErrorType:
//   <its errorType> }`, for every call of the batch; an error of the Invoke API itself (a payload
//   over the quota) is `Lambda:<its exception>`.
import { LOCAL_ACCOUNT_ID } from '../../../iam/principals.ts';
import { type LambdaContext, newLogStreamName } from '../../../lambda/context.ts';
import { FunctionEnvironment } from '../../../lambda/environment.ts';
import {
  type InvocationType,
  type InvokeResponse,
  type LambdaFunction,
  type LogLine,
  startInvocation,
} from '../../../lambda/invoke.ts';
import type { DataSource, DataSourceCall, DataSourceResponse } from '../types.ts';
import { BatchQueue } from './batching.ts';
import { isLambdaRequest, parseLambdaRequest } from './request.ts';

/** A Node.js handler, as the API Gateway host takes them: the module's exported function. */
export type LambdaHandler = (event: never, context: LambdaContext) => unknown;

export interface LambdaDataSourceConfig {
  /** The function's name: its ARN, `context.functionName` and log group end with it. */
  readonly functionName: string;
  readonly handler: LambdaHandler;
  readonly region: string;
  /** Default: the local account, 000000000000. */
  readonly accountId?: string;
  /** The function's timeout: Lambda's default is 3 s, its maximum 900 s. */
  readonly timeoutMs?: number;
  /**
   * The function's environment variables, `process.env` while it runs. Give a
   * `FunctionEnvironment` instead to share it with the code that loaded the handler's module in
   * it (`environment.run(() => import(...))`), so that what the module reads at load is its own.
   */
  readonly environment?: Readonly<Record<string, string>> | FunctionEnvironment;
  /** Where function failures are logged, as CloudWatch would hold them. Default: stderr. */
  readonly log?: LogLine;
}

export const DEFAULT_FUNCTION_TIMEOUT_MS = 3_000;
const MAX_FUNCTION_TIMEOUT_MS = 900_000;

export function createLambdaDataSource(config: LambdaDataSourceConfig): DataSource {
  const timeoutMs = config.timeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_FUNCTION_TIMEOUT_MS) {
    throw new RangeError(`Lambda function ${config.functionName}: timeoutMs must be above 0 and at most 900 000 (15 minutes).`);
  }
  const fn: LambdaFunction<unknown> = {
    functionName: config.functionName,
    region: config.region,
    accountId: config.accountId ?? LOCAL_ACCOUNT_ID,
    logStreamName: newLogStreamName(),
    handler: config.handler as (event: unknown, context: LambdaContext) => unknown,
    environment:
      config.environment === undefined || config.environment instanceof FunctionEnvironment
        ? config.environment
        : new FunctionEnvironment(config.environment),
  };
  const log = config.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const invoke = (event: unknown, invocationType: InvocationType): Promise<InvokeResponse> =>
    startInvocation(fn, event, { timeoutMs, invocationType, payloadQuotas: true }, log).response;

  const batches = new BatchQueue(async (invocationType, payloads) => {
    const response = await invoke(payloads, invocationType);
    if (response.kind !== 'returned') return payloads.map(() => toDataSourceResponse(response));
    const results = response.payload;
    if (!Array.isArray(results) || results.length !== payloads.length) {
      return payloads.map(() => ({ result: null, error: batchMismatch(payloads.length, results) }));
    }
    return results.map((result: unknown) => ({ result }));
  });

  return {
    async invoke(request: unknown, call?: DataSourceCall): Promise<DataSourceResponse> {
      const parsed = parseLambdaRequest(request);
      if (!isLambdaRequest(parsed)) return { result: null, error: parsed };
      if (parsed.operation === 'BatchInvoke') return batches.add(call, parsed.invocationType, parsed.payload);
      return toDataSourceResponse(await invoke(parsed.payload, parsed.invocationType));
    },
  };
}

function toDataSourceResponse(response: InvokeResponse): DataSourceResponse {
  switch (response.kind) {
    case 'returned':
      return { result: response.payload };
    case 'accepted':
      // "The response from an Event invocation type request results in a null value".
      return { result: null };
    case 'failed':
      return {
        result: null,
        error: { type: 'Lambda:Unhandled', message: response.error.errorMessage, unhandledErrorType: response.error.errorType },
      };
    case 'refused':
      return { result: null, error: { type: `Lambda:${response.error.exception}`, message: response.error.message } };
  }
}

/** AppSync maps results to calls by position: "the response list must match in size and order". */
function batchMismatch(size: number, results: unknown) {
  const answered = Array.isArray(results)
    ? `a list of ${results.length}`
    : results === null
      ? 'null'
      : `a JSON ${typeof results}`;
  return {
    type: 'Lambda:BatchResponseMismatch',
    message: `The function answered a BatchInvoke of ${size} payloads with ${answered}; it must return a list of ${size} results, one per payload, in order.`,
  };
}
