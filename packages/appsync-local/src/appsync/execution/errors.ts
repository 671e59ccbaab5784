// The errors a client sees, in AppSync's wire shape:
// { path, data, errorType, errorInfo, locations: [{ line, column, sourceName }], message }.
import type { GraphQLError, SourceLocation } from 'graphql';

export interface WireLocation {
  line: number;
  column: number;
  sourceName: null;
}

export interface WireError {
  path: (string | number)[] | null;
  data: unknown;
  errorType: string | null;
  errorInfo: unknown;
  locations: WireLocation[] | null;
  message: string;
}

/** An error raised while resolving one field; graphql-js carries it as `originalError`. */
export class FieldError extends Error {
  override name = 'FieldError';
  constructor(
    message: string,
    readonly errorType: string | null,
    readonly data: unknown = null,
    readonly errorInfo: unknown = null,
  ) {
    super(message);
  }
}

/** A request AppSync refuses before execution (HTTP 4xx, no `data`). */
export class RequestError extends Error {
  override name = 'RequestError';
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }

  toJSON(): { errors: { errorType: string; message: string }[] } {
    return { errors: [{ errorType: this.errorType, message: this.message }] };
  }
}

export function toWireLocations(locations: readonly SourceLocation[] | undefined): WireLocation[] | null {
  return locations ? locations.map(({ line, column }) => ({ line, column, sourceName: null })) : null;
}

/** An error about the request as a whole (syntax, validation, variables): no path, no data. */
export function requestLevelError(message: string, locations: readonly SourceLocation[] | undefined): WireError {
  return { path: null, data: null, errorType: null, errorInfo: null, locations: toWireLocations(locations), message };
}

export function unauthorizedFieldError(typeName: string, fieldName: string): FieldError {
  return new FieldError(`Not Authorized to access ${fieldName} on type ${typeName}`, 'Unauthorized');
}

const NON_NULL = /^Cannot return null for non-nullable field (\w+)\.(\w+)\.$/;

/** An execution error as AppSync reports it. */
export function toWireError(error: GraphQLError, returnTypeOf: (parent: string, field: string) => string): WireError {
  const original = error.originalError;
  if (original instanceof FieldError) {
    return {
      path: error.path ? [...error.path] : null,
      data: original.data,
      errorType: original.errorType,
      errorInfo: original.errorInfo,
      locations: toWireLocations(error.locations),
      message: original.message,
    };
  }
  const nonNull = NON_NULL.exec(error.message);
  const message = nonNull
    ? `Cannot return null for non-nullable type: '${returnTypeOf(nonNull[1]!, nonNull[2]!)}' within parent '${nonNull[1]}' (${graphqlJavaPath(error.path ?? [])})`
    : error.message;
  return {
    path: error.path ? [...error.path] : null,
    data: null,
    errorType: null,
    errorInfo: null,
    locations: toWireLocations(error.locations),
    message,
  };
}

/** A response path as graphql-java prints it in messages: `/items[3]/name`. */
export function graphqlJavaPath(path: readonly (string | number)[]): string {
  return path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `/${segment}`)).join('');
}
