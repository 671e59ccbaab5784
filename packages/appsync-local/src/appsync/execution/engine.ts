// Executes GraphQL requests as AppSync does: parse (cached), validate with AppSync's wording,
// authorize every field, run the field's APPSYNC_JS resolver or read the parent's property, and
// answer with partial data and AppSync-shaped errors.
import {
  defaultFieldResolver,
  type DocumentNode,
  execute,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLError,
  getNamedType,
  type GraphQLResolveInfo,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  responsePathAsArray,
} from 'graphql';
import type { JsEvaluator } from '../js/evaluator.ts';
import {
  type AppendedError,
  createInvocation,
  createRequestInvocations,
  type Invocation,
  type InvocationField,
  type RequestInvocations,
} from '../js/invocation.ts';
import type { AuthenticatedRequest } from '../auth/index.ts';
import { buildContext, type RequestScope } from './context.ts';
import { filterErrorData } from './errorData.ts';
import { FieldError, requestLevelError, toWireError, unauthorizedFieldError, type WireError } from './errors.ts';
import {
  type ApiLimits,
  depthOf,
  executionTimeoutError,
  NoIntrospectionRule,
  queryDepthError,
  RequestClock,
  resolveLimits,
  type ResolvedLimits,
  resolverCountError,
} from './limits.ts';
import { FieldFailure, type Resolver, runResolver } from './resolverRunner.ts';
import type { MutationEvent, PreparedSubscription, SubscriptionEventResponse, SubscriptionPreparation } from './subscription.ts';
import { subscriptionData, subscriptionSelection, unauthorizedBelowRoot } from './subscriptionData.ts';
import { DocumentCache } from './documentCache.ts';
import { validateDocument } from './validation.ts';

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: WireError[];
}

export type FieldAuthorizer = (parentType: GraphQLObjectType, fieldName: string, auth: AuthenticatedRequest) => boolean;

interface ParsedDocument {
  readonly document?: DocumentNode;
  readonly errors?: WireError[];
}

interface ExecutionState {
  readonly scope: RequestScope;
  /** Resolvers run so far (AppSync's resolver count limit). */
  resolverCount: number;
  /** The request's 30-second limit; absent when a subscription starts. */
  readonly clock?: RequestClock;
  readonly responseHeaders: Record<string, string>;
  readonly appendedErrors: WireError[];
  /** For a mutation: its root fields as they resolve, with the invalidations their resolvers asked for. */
  readonly mutationFields?: { responseKey: string; fieldName: string; invocation: Invocation | undefined }[];
  /** For a subscription being started: what its root field's resolver left behind. */
  readonly subscribing?: { fieldName?: string; args?: Record<string, unknown>; invocation?: Invocation };
}

export interface EngineOptions {
  /** Called after every mutation, with its root fields and their invalidations (the real-time endpoint publishes them). */
  onMutation?: (event: MutationEvent) => void;
  /** The API's query depth and resolver count limits, introspection and request time limit. */
  limits?: ApiLimits;
}

/**
 * The most tokens a document may have (comments and whitespace not counted): graphql-java's
 * default (`ParserOptions`), whose wording AppSync's errors use. Validating and executing a
 * document costs at least its size and up to its size squared (fields of one name are compared
 * pairwise), on the event loop every local service shares: `node { id }` repeated 16,000 times
 * (190 KB, where a request may have 5 MB) took 1.9 s before this limit; refused now, it takes
 * about 0.1 s to parse up to the limit and answer.
 */
export const MAX_DOCUMENT_TOKENS = 15_000;

export class GraphQLEngine {
  private readonly documents = new DocumentCache<ParsedDocument>();
  private readonly fieldResolver: GraphQLFieldResolver<unknown, ExecutionState>;
  readonly limits: ResolvedLimits;
  /** What the resolvers of one request share (extensions.invalidateSubscriptions' limit), by request. */
  private readonly requestInvocations = new WeakMap<ExecutionState, RequestInvocations>();

  constructor(
    readonly schema: GraphQLSchema,
    private readonly resolvers: ReadonlyMap<string, Resolver>,
    private readonly isFieldAllowed: FieldAuthorizer,
    private readonly evaluator: JsEvaluator,
    private readonly options: EngineOptions = {},
  ) {
    const subscriptionType = schema.getSubscriptionType();
    const mutationType = schema.getMutationType();
    const limits = resolveLimits(options.limits);
    this.limits = limits;
    const queryType = schema.getQueryType();
    const rootOf = (parent: GraphQLObjectType): InvocationField['root'] =>
      parent === mutationType ? 'mutation' : parent === subscriptionType ? 'subscription' : parent === queryType ? 'query' : null;
    this.fieldResolver = (source, args, state, info) => {
      const parent = info.parentType;
      if (limits.queryDepthLimit > 0 && depthOf(info.path) > limits.queryDepthLimit) {
        throw queryDepthError(limits.queryDepthLimit);
      }
      if (!parent.name.startsWith('__') && !this.isFieldAllowed(parent, info.fieldName, state.scope.auth)) {
        throw unauthorizedFieldError(parent.name, info.fieldName);
      }
      const atSubscriptionRoot = parent === subscriptionType && subscriptionType !== null;
      if (atSubscriptionRoot && state.subscribing) {
        state.subscribing.fieldName = info.fieldName;
        state.subscribing.args = args;
      }
      const resolver = this.resolvers.get(`${parent.name}.${info.fieldName}`);
      const invocation = resolver
        ? createInvocation(state.scope.auth.authType, state.responseHeaders, {
            field: { typeName: parent.name, fieldName: info.fieldName, root: rootOf(parent) },
            request: this.requestInvocationsOf(state),
          })
        : undefined;
      if (parent === mutationType && state.mutationFields) {
        state.mutationFields.push({ responseKey: String(info.path.key), fieldName: info.fieldName, invocation });
      }
      if (!resolver || !invocation) {
        return atSubscriptionRoot && state.subscribing ? null : defaultFieldResolver(source, args, state, info);
      }
      state.resolverCount += 1;
      if (state.resolverCount > limits.resolverCountLimit) throw resolverCountError();
      if (state.clock?.expired) throw executionTimeoutError();
      const ctx = buildContext(source, args, info, state.scope);
      const report = (appended: readonly AppendedError[]): void => {
        for (const error of appended) state.appendedErrors.push(toAppendedWireError(error, info));
      };
      const run = runResolver(resolver, ctx, this.evaluator, invocation, state);
      return (state.clock ? state.clock.guard(run) : run).then(
        (outcome) => {
          report(outcome.appendedErrors);
          if (atSubscriptionRoot && state.subscribing) {
            // Starting a subscription runs its resolver for its filters and its refusals; its value is not sent.
            state.subscribing.invocation = invocation;
            return null;
          }
          return outcome.value;
        },
        (error: unknown) => {
          if (!(error instanceof FieldFailure)) throw error;
          report(error.appendedErrors);
          throw error.data === null ? error : error.withData(filterErrorData(error.data, info));
        },
      );
    };
  }

  /** The operation a request names (for auth and routing), once it has parsed and validated. */
  operationOf(request: GraphQLRequest): OperationDefinitionNode | undefined {
    const { document } = this.parseAndValidate(request.query);
    return document?.definitions.find(
      (d): d is OperationDefinitionNode =>
        d.kind === Kind.OPERATION_DEFINITION && (!request.operationName || d.name?.value === request.operationName),
    );
  }

  async execute(
    request: GraphQLRequest,
    scope: RequestScope,
  ): Promise<{ body: GraphQLResponse; headers: Record<string, string> }> {
    const headers: Record<string, string> = {};
    const parsed = this.parseAndValidate(request.query);
    if (!parsed.document) return { body: { data: null, errors: parsed.errors ?? [] }, headers };
    const isMutation = this.options.onMutation !== undefined && this.operationOf(request)?.operation === 'mutation';
    const clock = new RequestClock(this.limits.requestTimeoutMs);
    const state: ExecutionState = {
      scope,
      responseHeaders: headers,
      appendedErrors: [],
      resolverCount: 0,
      clock,
      ...(isMutation ? { mutationFields: [] } : {}),
    };
    let result: ExecutionResult;
    try {
      result = await execute({
        schema: this.schema,
        document: parsed.document,
        variableValues: request.variables ?? {},
        operationName: request.operationName ?? undefined,
        contextValue: state,
        fieldResolver: this.fieldResolver,
      });
    } finally {
      clock.stop();
    }
    const errors = [...(result.errors ?? []).map((e) => this.toResponseError(e)), ...state.appendedErrors];
    const body: GraphQLResponse = { data: result.data ?? null };
    if (errors.length > 0) body.errors = errors;
    if (state.mutationFields) this.options.onMutation?.(mutationEventOf(state.mutationFields, result.data, result.errors));
    return { body, headers };
  }

  /**
   * Starts a subscription as AppSync does at subscribe time: validates the document, checks that
   * it is a subscription, authorizes every field of its selection set for the subscriber, coerces
   * its arguments and runs the root field's resolver (whose filters it keeps and whose errors
   * refuse the start).
   */
  async prepareSubscription(request: GraphQLRequest, scope: RequestScope): Promise<SubscriptionPreparation> {
    const parsed = this.parseAndValidate(request.query);
    if (!parsed.document) return { kind: 'invalid', errors: parsed.errors ?? [] };
    const operation = this.operationOf(request);
    if (operation && operation.operation !== 'subscription') return { kind: 'notSubscription', operation: operation.operation };
    const selection = operation
      ? subscriptionSelection(this.schema, parsed.document, operation, request.variables ?? {})
      : undefined;
    if (selection) {
      const denied = unauthorizedBelowRoot(selection, (type, field) => this.isFieldAllowed(type, field, scope.auth));
      if (denied.length > 0) return { kind: 'refused', errors: denied };
    }
    const subscribing: NonNullable<ExecutionState['subscribing']> = {};
    const result = await execute({
      schema: this.schema,
      document: parsed.document,
      variableValues: request.variables ?? {},
      operationName: request.operationName ?? undefined,
      contextValue: { scope, responseHeaders: {}, appendedErrors: [], resolverCount: 0, subscribing } satisfies ExecutionState,
      fieldResolver: this.fieldResolver,
    });
    // The root field's value is not sent at subscribe time, so a non-null root field is no error then.
    const errors = (result.errors ?? []).filter((e) => !isNullRootError(e)).map((e) => this.toResponseError(e));
    if (errors.length > 0 || !subscribing.fieldName || !selection) return { kind: 'refused', errors };
    return {
      kind: 'prepared',
      subscription: {
        document: parsed.document,
        operationName: request.operationName ?? null,
        variables: request.variables ?? {},
        fieldName: subscribing.fieldName,
        args: subscribing.args ?? {},
        filter: subscribing.invocation?.subscriptionFilter,
        invalidationFilter: subscribing.invocation?.subscriptionInvalidationFilter,
        selection,
      },
    };
  }

  /**
   * The data a subscriber receives for one event: its selection set read from the published
   * value (the mutation's selection), with its own field-level auth. No resolver runs: neither
   * the subscription field's (it ran at subscribe time) nor any below it.
   */
  executeSubscriptionEvent(subscription: PreparedSubscription, payload: unknown, scope: RequestScope): SubscriptionEventResponse {
    const { data, errors } = subscriptionData(subscription.selection, payload, (type, field) =>
      this.isFieldAllowed(type, field, scope.auth),
    );
    return errors.length > 0 ? { data, errors } : { data };
  }

  /** The state the resolvers of this request share, created with the request's first resolver. */
  private requestInvocationsOf(state: ExecutionState): RequestInvocations {
    let shared = this.requestInvocations.get(state);
    if (!shared) {
      shared = createRequestInvocations();
      this.requestInvocations.set(state, shared);
    }
    return shared;
  }

  /** What the document cache holds now (its bounds: `DOCUMENT_CACHE_LIMITS`). */
  documentCacheStats(): { entries: number; chars: number } {
    return this.documents.stats();
  }

  private parseAndValidate(query: string): ParsedDocument {
    const cached = this.documents.get(query);
    if (cached) return cached;
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: MAX_DOCUMENT_TOKENS });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      // Not cached: a client sending distinct broken texts would otherwise fill the cache for nothing.
      return { errors: [syntaxError(error)] };
    }
    const errors = validateDocument(this.schema, document, this.limits.introspection ? [] : [NoIntrospectionRule]);
    const parsed: ParsedDocument = errors.length > 0 ? { errors } : { document };
    this.documents.set(query, parsed);
    return parsed;
  }

  private toResponseError(error: GraphQLError): WireError {
    if (!error.path && !(error.originalError instanceof FieldError)) return variableError(error);
    return toWireError(error, (parent, field) => {
      const type = this.schema.getType(parent);
      const fieldType = isObjectType(type) ? type.getFields()[field]?.type : undefined;
      return fieldType ? getNamedType(fieldType).name : field;
    });
  }
}

function isNullRootError(error: GraphQLError): boolean {
  return (
    error.path?.length === 1 &&
    !(error.originalError instanceof FieldError) &&
    /^Cannot return null for non-nullable field /.test(error.message)
  );
}

/** The root fields of a mutation that resolved to a value without an error, and the invalidations they asked for. */
function mutationEventOf(
  fields: NonNullable<ExecutionState['mutationFields']>,
  data: Record<string, unknown> | null | undefined,
  errors: readonly GraphQLError[] | undefined,
): MutationEvent {
  const failed = new Set((errors ?? []).filter((e) => e.path?.length === 1).map((e) => String(e.path?.[0])));
  const resolved = fields.filter((f) => !failed.has(f.responseKey) && data?.[f.responseKey] != null);
  return {
    fields: resolved.map((f) => ({ fieldName: f.fieldName, value: data?.[f.responseKey] })),
    invalidations: resolved.flatMap((f) => f.invocation?.invalidations ?? []),
  };
}

function toAppendedWireError(error: AppendedError, info: GraphQLResolveInfo): WireError {
  const token = info.fieldNodes[0]?.loc?.startToken;
  return {
    path: responsePathAsArray(info.path),
    data: filterErrorData(error.data, info),
    errorType: error.errorType,
    errorInfo: error.errorInfo ?? null,
    locations: token ? [{ line: token.line, column: token.column, sourceName: null }] : null,
    message: error.message,
  };
}

function syntaxError(error: GraphQLError): WireError {
  if (/^Syntax Error: Document contains more th(?:at|an) \d+ tokens/.test(error.message)) {
    return requestLevelError(
      `Invalid Syntax : More than ${MAX_DOCUMENT_TOKENS} 'grammar' tokens have been presented. To prevent Denial Of Service attacks, parsing has been cancelled.`,
      undefined,
    );
  }
  const detail = error.message.replace(/^Syntax Error: /, '');
  const where = error.locations?.[0];
  return requestLevelError(
    `Invalid Syntax : ${detail}${where ? ` at line ${where.line} column ${where.column}` : ''}`,
    error.locations,
  );
}

/** Variable coercion errors, worded as graphql-java words them. */
function variableError(error: GraphQLError): WireError {
  const missing = /^Variable "\$(\w+)" of (?:required|non-null) type "([^"]+)" (?:was not provided|must not be null)\.$/.exec(
    error.message,
  );
  const invalid = /^Variable "\$(\w+)" got invalid value (.*)$/s.exec(error.message);
  let message = error.message;
  if (missing) message = `Variable '${missing[1]}' has coerced Null value for NonNull type '${missing[2]}'`;
  else if (invalid) message = `Variable '${invalid[1]}' has an invalid value: ${invalid[2]}`;
  return requestLevelError(message, error.locations);
}
