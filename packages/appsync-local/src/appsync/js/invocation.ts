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

/** The field whose resolver runs, and which root operation type it belongs to (null below the root). */
export interface InvocationField {
  readonly typeName: string;
  readonly fieldName: string;
  readonly root: 'query' | 'mutation' | 'subscription' | null;
}

/** Which code of the resolver runs: its own request or response handler, or one of its pipeline functions'. */
export interface RunningHandler {
  readonly code: 'resolver' | 'function';
  readonly handler: 'request' | 'response';
}

/** What the invocations of one GraphQL request share. */
export interface RequestInvocations {
  /** The distinct extensions.invalidateSubscriptions calls made so far (AppSync allows five a request). */
  readonly invalidationKeys: Set<string>;
}

export interface Invocation {
  /** How the request was authorized: `util.authType()` describes it. */
  readonly authType: AuthType;
  /** `util.appendError` adds here; the executor reports them with the field's path. */
  readonly appendedErrors: AppendedError[];
  /** `util.http.addResponseHeader(s)` adds here; the HTTP server sends them. */
  readonly responseHeaders: Record<string, string>;
  /** The resolver's field, for the extensions AppSync allows in one kind of resolver only. */
  readonly field: InvocationField | undefined;
  /** Set by the resolver runner before each handler it evaluates; undefined outside a resolver. */
  running: RunningHandler | undefined;
  /** Shared by the request's invocations. */
  readonly request: RequestInvocations;
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

export function createRequestInvocations(): RequestInvocations {
  return { invalidationKeys: new Set() };
}

export function createInvocation(
  authType: AuthType,
  responseHeaders: Record<string, string> = {},
  where: { field?: InvocationField; request?: RequestInvocations } = {},
): Invocation {
  return {
    authType,
    appendedErrors: [],
    responseHeaders,
    field: where.field,
    running: undefined,
    request: where.request ?? createRequestInvocations(),
    subscriptionFilter: undefined,
    subscriptionInvalidationFilter: undefined,
    invalidations: [],
    cacheEvictions: [],
  };
}
