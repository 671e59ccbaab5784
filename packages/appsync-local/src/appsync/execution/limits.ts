// The limits an AppSync API applies to each request, as its configuration sets them
// ("Configuring GraphQL run complexity, query depth, and introspection",
// https://docs.aws.amazon.com/appsync/latest/devguide/configuration-limits.html) and as its
// service quotas fix them (https://docs.aws.amazon.com/general/latest/gr/appsync.html).
import { type ASTVisitor, GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { FieldError } from './errors.ts';

export interface ApiLimits {
  /**
   * The deepest field a query may select, counting the root field as 1 and leaves as a level
   * (`{ a { b { c } } }` is 3): 1–75, or 0 (the default) for none. A field past it fails with
   * `QueryDepthLimitReached`, which, on a non-null field, reaches the first nullable parent.
   */
  readonly queryDepthLimit?: number;
  /**
   * How many resolvers one request may run: 1–10,000, or 0 (the default) for AppSync's quota of
   * 10,000. Each resolver past it fails with `ResolverExecutionLimitReached` and does not run.
   */
  readonly resolverCountLimit?: number;
  /** Whether introspection queries are answered (the default) or fail validation. */
  readonly introspection?: boolean;
  /**
   * How long a request may run: AppSync's quota "Request execution time for mutations, queries,
   * and subscriptions" is 30 s and cannot be raised. Tests shorten it.
   */
  readonly requestTimeoutMs?: number;
}

export const MAX_QUERY_DEPTH_LIMIT = 75;
/** AppSync's quota "Resolvers executed in a single request", and the limit when none is set. */
export const MAX_RESOLVER_COUNT = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;

export interface ResolvedLimits {
  readonly queryDepthLimit: number;
  readonly resolverCountLimit: number;
  readonly introspection: boolean;
  readonly requestTimeoutMs: number;
}

/**
 * The limits with their defaults, refused when out of the bounds CreateGraphqlApi accepts (the
 * API reference: queryDepthLimit 0–75, resolverCountLimit 0–10,000).
 */
export function resolveLimits(limits: ApiLimits = {}): ResolvedLimits {
  const depth = limits.queryDepthLimit ?? 0;
  const count = limits.resolverCountLimit ?? 0;
  if (!Number.isInteger(depth) || depth < 0 || depth > MAX_QUERY_DEPTH_LIMIT) {
    throw new RangeError(`queryDepthLimit must be an integer from 0 to ${MAX_QUERY_DEPTH_LIMIT}, got ${depth}.`);
  }
  if (!Number.isInteger(count) || count < 0 || count > MAX_RESOLVER_COUNT) {
    throw new RangeError(`resolverCountLimit must be an integer from 0 to ${MAX_RESOLVER_COUNT}, got ${count}.`);
  }
  const timeout = limits.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  if (!(timeout > 0)) throw new RangeError(`requestTimeoutMs must be positive, got ${timeout}.`);
  return {
    queryDepthLimit: depth,
    resolverCountLimit: count === 0 ? MAX_RESOLVER_COUNT : count,
    introspection: limits.introspection ?? true,
    requestTimeoutMs: timeout,
  };
}

/**
 * AppSync's documentation names the error type of a field past the depth limit but shows its
 * message only in a screenshot; this wording is ours.
 */
export function queryDepthError(limit: number): FieldError {
  return new FieldError(`Query depth limit of ${limit} reached.`, 'QueryDepthLimitReached');
}

/** The error type is documented; the message is the one AppSync users quote from its answers. */
export function resolverCountError(): FieldError {
  return new FieldError('Resolver invocation limit reached.', 'ResolverExecutionLimitReached');
}

/** Quoted from AppSync's answers when a request passes 30 s (aws/aws-appsync-community#386). */
export function executionTimeoutError(): FieldError {
  return new FieldError('Execution timed out.', 'ExecutionTimeout');
}

/** The type names of the introspection system (GraphQL's `__Schema`, `__Type` …). */
const isIntrospectionType = (name: string): boolean => name.startsWith('__');

/**
 * With introspection disabled, AppSync answers an introspection query with a validation error
 * on the fields of `__Schema` (its documentation's screenshot: "Field 'types' in type '__Schema'
 * is undefined"). `__typename`, which clients add to every selection, still works.
 */
export const NoIntrospectionRule: ValidationRule = (context: ValidationContext): ASTVisitor => ({
  Field(node) {
    const parent = context.getParentType();
    if (parent && isIntrospectionType(parent.name) && node.name.value !== '__typename') {
      context.reportError(new GraphQLError(`Cannot query field "${node.name.value}" on type "${parent.name}".`, { nodes: node }));
      // An undefined field has no type to check its selection against (graphql-java stops there too).
      return false;
    }
    return undefined;
  },
});

/** The depth of a field from its response path: the number of field names in it. */
export function depthOf(path: { readonly prev: unknown; readonly key: string | number }): number {
  let depth = 0;
  for (let at: typeof path | undefined = path; at; at = at.prev as typeof path | undefined) {
    if (typeof at.key === 'string') depth += 1;
  }
  return depth;
}

/**
 * One request's clock: `expired` once its time is up, and `guard(promise)` rejects with
 * AppSync's timeout error at that moment if the promise is still pending (its work goes on, as a
 * data source call that AppSync has stopped waiting for would).
 */
export class RequestClock {
  expired = false;
  private readonly waiting: ((error: FieldError) => void)[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(timeoutMs: number) {
    this.timer = setTimeout(() => this.expire(), timeoutMs);
    this.timer.unref();
  }

  guard<T>(promise: Promise<T>): Promise<T> {
    if (this.expired) return Promise.reject(executionTimeoutError());
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(reject);
      promise.then(resolve, reject);
    });
  }

  stop(): void {
    clearTimeout(this.timer);
    this.waiting.length = 0;
  }

  private expire(): void {
    this.expired = true;
    for (const reject of this.waiting.splice(0)) reject(executionTimeoutError());
  }
}
