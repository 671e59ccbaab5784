// Executes GraphQL requests as AppSync does: parse (cached), validate with AppSync's wording,
// authorize every field, run the field's APPSYNC_JS resolver or read the parent's property, and
// answer with partial data and AppSync-shaped errors.
import {
  defaultFieldResolver,
  type DocumentNode,
  execute,
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
import { createInvocation, type AppendedError } from '../js/invocation.ts';
import type { AuthenticatedRequest } from '../auth/index.ts';
import { buildContext, type RequestScope } from './context.ts';
import { FieldError, requestLevelError, toWireError, unauthorizedFieldError, type WireError } from './errors.ts';
import { FieldFailure, type Resolver, runResolver } from './resolverRunner.ts';
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
  readonly responseHeaders: Record<string, string>;
  readonly appendedErrors: WireError[];
}

const DOCUMENT_CACHE_SIZE = 1000;

export class GraphQLEngine {
  private readonly documents = new Map<string, ParsedDocument>();
  private readonly fieldResolver: GraphQLFieldResolver<unknown, ExecutionState>;

  constructor(
    readonly schema: GraphQLSchema,
    private readonly resolvers: ReadonlyMap<string, Resolver>,
    private readonly isFieldAllowed: FieldAuthorizer,
    private readonly evaluator: JsEvaluator,
  ) {
    this.fieldResolver = (source, args, state, info) => {
      const parent = info.parentType;
      if (!parent.name.startsWith('__') && !this.isFieldAllowed(parent, info.fieldName, state.scope.auth)) {
        throw unauthorizedFieldError(parent.name, info.fieldName);
      }
      const resolver = this.resolvers.get(`${parent.name}.${info.fieldName}`);
      if (!resolver) return defaultFieldResolver(source, args, state, info);
      const ctx = buildContext(source, args, info, state.scope);
      const invocation = createInvocation(state.scope.auth.authType, state.responseHeaders);
      const report = (appended: readonly AppendedError[]): void => {
        for (const error of appended) state.appendedErrors.push(toAppendedWireError(error, info));
      };
      return runResolver(resolver, ctx, this.evaluator, invocation).then(
        (outcome) => {
          report(outcome.appendedErrors);
          return outcome.value;
        },
        (error: unknown) => {
          if (error instanceof FieldFailure) report(error.appendedErrors);
          throw error;
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

  async execute(request: GraphQLRequest, scope: RequestScope): Promise<{ body: GraphQLResponse; headers: Record<string, string> }> {
    const headers: Record<string, string> = {};
    const parsed = this.parseAndValidate(request.query);
    if (!parsed.document) return { body: { data: null, errors: parsed.errors ?? [] }, headers };
    const state: ExecutionState = { scope, responseHeaders: headers, appendedErrors: [] };
    const result = await execute({
      schema: this.schema,
      document: parsed.document,
      variableValues: request.variables ?? {},
      operationName: request.operationName ?? undefined,
      contextValue: state,
      fieldResolver: this.fieldResolver,
    });
    const errors = [...(result.errors ?? []).map((e) => this.toResponseError(e)), ...state.appendedErrors];
    const body: GraphQLResponse = { data: result.data ?? null };
    if (errors.length > 0) body.errors = errors;
    return { body, headers };
  }

  private parseAndValidate(query: string): ParsedDocument {
    const cached = this.documents.get(query);
    if (cached) return cached;
    let parsed: ParsedDocument;
    try {
      const document = parse(query);
      const errors = validateDocument(this.schema, document);
      parsed = errors.length > 0 ? { errors } : { document };
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      parsed = { errors: [syntaxError(error)] };
    }
    if (this.documents.size >= DOCUMENT_CACHE_SIZE) {
      this.documents.delete(this.documents.keys().next().value as string);
    }
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

function toAppendedWireError(error: AppendedError, info: GraphQLResolveInfo): WireError {
  const token = info.fieldNodes[0]?.loc?.startToken;
  return {
    path: responsePathAsArray(info.path),
    data: error.data ?? null,
    errorType: error.errorType,
    errorInfo: error.errorInfo ?? null,
    locations: token ? [{ line: token.line, column: token.column, sourceName: null }] : null,
    message: error.message,
  };
}

function syntaxError(error: GraphQLError): WireError {
  const detail = error.message.replace(/^Syntax Error: /, '');
  const where = error.locations?.[0];
  return requestLevelError(`Invalid Syntax : ${detail}${where ? ` at line ${where.line} column ${where.column}` : ''}`, error.locations);
}

/** Variable coercion errors, worded as graphql-java words them. */
function variableError(error: GraphQLError): WireError {
  const missing = /^Variable "\$(\w+)" of (?:required|non-null) type "([^"]+)" (?:was not provided|must not be null)\.$/.exec(error.message);
  const invalid = /^Variable "\$(\w+)" got invalid value (.*)$/s.exec(error.message);
  let message = error.message;
  if (missing) message = `Variable '${missing[1]}' has coerced Null value for NonNull type '${missing[2]}'`;
  else if (invalid) message = `Variable '${invalid[1]}' has an invalid value: ${invalid[2]}`;
  return requestLevelError(message, error.locations);
}
