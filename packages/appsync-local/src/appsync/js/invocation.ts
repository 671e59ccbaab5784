// The state of one handler evaluation (a resolver's or function's request or response) that
// `util`, `runtime` and `extensions` read and write. The evaluator installs a fresh one before
// each evaluation; evaluations are synchronous, so one "current" slot is enough.

export type AuthType = 'API_KEY' | 'AMAZON_COGNITO_USER_POOLS' | 'AWS_IAM' | 'OPENID_CONNECT' | 'AWS_LAMBDA';

export interface AppendedError {
  message: string;
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
}

export interface Invocation {
  /** How the request was authorized: `util.authType()` describes it. */
  readonly authType: AuthType;
  /** `util.appendError` adds here; the executor reports them with the field's path. */
  readonly appendedErrors: AppendedError[];
  /** `util.http.addResponseHeader(s)` adds here; the HTTP server sends them. */
  readonly responseHeaders: Record<string, string>;
  /** `extensions.setSubscriptionFilter`. */
  subscriptionFilter: unknown;
  /** `extensions.setSubscriptionInvalidationFilter`. */
  subscriptionInvalidationFilter: unknown;
  /** `extensions.invalidateSubscriptions`. */
  readonly invalidations: { subscriptionField: string; payload: Record<string, unknown> }[];
  /** `extensions.evictFromApiCache`. */
  readonly cacheEvictions: { typeName: string; fieldName: string; keys: Record<string, unknown> }[];
}

export interface InvocationHost {
  /** The invocation being evaluated; throws when called outside an evaluation. */
  current(): Invocation;
}

export function createInvocation(authType: AuthType, responseHeaders: Record<string, string> = {}): Invocation {
  return {
    authType,
    appendedErrors: [],
    responseHeaders,
    subscriptionFilter: undefined,
    subscriptionInvalidationFilter: undefined,
    invalidations: [],
    cacheEvictions: [],
  };
}
