// The request object a resolver returns for a Lambda data source (APPSYNC_JS resolver function
// reference for Lambda, "Request object"):
//
//   { operation: 'Invoke' | 'BatchInvoke'; invocationType?: 'RequestResponse' | 'Event'; payload: unknown }
//
// `operation` is required; `invocationType` defaults to RequestResponse; `payload` is optional.
// The mapping-template form of the same request (its JSON schema has `additionalProperties:
// false`) also carries `version`, which is tolerated here; any other field is refused, so that a
// request AppSync would refuse does not pass locally. A refusal is a `MappingTemplate` error, the
// type AppSync gives a request object it cannot use.
import type { InvocationType } from '../../../lambda/invoke.ts';
import type { DataSourceError } from '../types.ts';

export type LambdaOperation = 'Invoke' | 'BatchInvoke';

export interface LambdaRequest {
  readonly operation: LambdaOperation;
  readonly invocationType: InvocationType;
  /** What the function receives (for BatchInvoke: this call's element of the list). */
  readonly payload: unknown;
}

const OPERATIONS: readonly string[] = ['Invoke', 'BatchInvoke'] satisfies LambdaOperation[];
const INVOCATION_TYPES: readonly string[] = ['RequestResponse', 'Event'] satisfies InvocationType[];
const FIELDS = new Set(['operation', 'invocationType', 'payload', 'version']);

export function parseLambdaRequest(request: unknown): LambdaRequest | DataSourceError {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return invalid(`A Lambda request must be an object { operation, payload, invocationType }, not ${describe(request)}.`);
  }
  const fields = request as Record<string, unknown>;
  const unknownField = Object.keys(fields).find((name) => !FIELDS.has(name));
  if (unknownField !== undefined) {
    return invalid(`Unsupported element '$[${unknownField}]'. A Lambda request has only operation, payload and invocationType.`);
  }
  const { operation, invocationType = 'RequestResponse', payload = null } = fields;
  if (operation === undefined || operation === null) return invalid("Value for field '$[operation]' not found.");
  if (typeof operation !== 'string' || !OPERATIONS.includes(operation)) {
    return invalid(`Unsupported operation ${describe(operation)}. A Lambda request's operation is Invoke or BatchInvoke.`);
  }
  if (typeof invocationType !== 'string' || !INVOCATION_TYPES.includes(invocationType)) {
    return invalid(`Unsupported invocationType ${describe(invocationType)}. It is RequestResponse (the default) or Event.`);
  }
  return { operation: operation as LambdaOperation, invocationType: invocationType as InvocationType, payload };
}

export function isLambdaRequest(parsed: LambdaRequest | DataSourceError): parsed is LambdaRequest {
  return 'operation' in parsed;
}

function invalid(message: string): DataSourceError {
  return { type: 'MappingTemplate', message };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `'${value}'` : `${typeof value} ${JSON.stringify(value)}`;
}
