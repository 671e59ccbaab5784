// The top-level util functions that stop or annotate the current evaluation (error,
// appendError, unauthorized), util.authType, and runtime.earlyReturn. Per-evaluation state is
// read through host.current() on every call, so one set of functions serves every evaluation.
import { type AuthType, type InvocationHost } from '../invocation.ts';
import { EarlyReturnSignal, ResolverErrorSignal, UnauthorizedSignal } from '../signals.ts';
import { isPlainObject } from './values.ts';

const AUTH_TYPE_NAMES: Readonly<Record<AuthType, string>> = {
  API_KEY: 'API Key Authorization',
  AMAZON_COGNITO_USER_POOLS: 'User Pool Authorization',
  AWS_IAM: 'IAM Authorization',
  OPENID_CONNECT: 'Open ID Connect Authorization',
  AWS_LAMBDA: 'Lambda Authorization',
};

/** Stops the evaluation with a GraphQL error for the field. */
export function error(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): never {
  throw new ResolverErrorSignal(toMessageText(message), toOptionalText(errorType), data ?? null, errorInfo ?? null);
}

/** Records a GraphQL error for the field and lets the evaluation go on. */
export function appendError(
  host: InvocationHost,
  message: unknown,
  errorType?: unknown,
  data?: unknown,
  errorInfo?: unknown,
): void {
  host.current().appendedErrors.push({
    message: toMessageText(message),
    errorType: toOptionalText(errorType),
    data: data ?? null,
    errorInfo: errorInfo ?? null,
  });
}

/** Stops the evaluation: the field resolves to an Unauthorized error. */
export function unauthorized(): never {
  throw new UnauthorizedSignal();
}

/** How the request was authorized, e.g. "API Key Authorization". */
export function authType(host: InvocationHost): string {
  return AUTH_TYPE_NAMES[host.current().authType];
}

/** Stops the handler and makes `value` its result; skipTo picks where the pipeline goes on. */
export function earlyReturn(value?: unknown, options?: unknown): never {
  const skipTo = isPlainObject(options) ? options.skipTo : undefined;
  if (skipTo !== undefined && skipTo !== 'END' && skipTo !== 'NEXT') {
    throw new Error(`runtime.earlyReturn: skipTo must be 'END' or 'NEXT', got ${JSON.stringify(skipTo)}`);
  }
  throw new EarlyReturnSignal(value ?? null, skipTo);
}

function toMessageText(message: unknown): string {
  return typeof message === 'string' ? message : String(message);
}

function toOptionalText(value: unknown): string | null {
  if (value === undefined || value === null) {
    return null;
  }
  return typeof value === 'string' ? value : String(value);
}
