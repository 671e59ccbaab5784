// What a backend service answers an HTTP resolver: a status and a JSON body, `{ error: { code,
// message } }` when it refuses. Each code stands for one errorType, as the API's errors table says.
import { util } from '@aws-appsync/utils';
import { ErrorType } from './errors';

export interface ServiceResult {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}

/** The errorType clients see for a service's error code. */
const ERROR_TYPES: Record<string, string> = {
  INVALID_INPUT: ErrorType.BadRequest,
  NOT_FOUND: ErrorType.NotFound,
  CONFLICT: ErrorType.Conflict,
  SERVICE_UNAVAILABLE: ErrorType.ServiceUnavailable,
  INTERNAL_ERROR: ErrorType.Internal,
};

/**
 * Raises the service's refusal as the field's error: its message, its code's errorType. An answer
 * without one of those codes (API Gateway's own 5xx, a timeout) is ServiceUnavailable.
 */
export function raiseServiceError(service: string, result: ServiceResult): never {
  const answer = parseObject(result.body);
  const failure = answer && answer.error ? (answer.error as { code?: string; message?: string }) : null;
  const errorType = failure && failure.code ? ERROR_TYPES[failure.code] : undefined;
  if (failure && failure.message && errorType) {
    util.error(failure.message, errorType);
  }
  util.error(
    `The ${service} service could not answer (HTTP ${result.statusCode}); try again shortly.`,
    ErrorType.ServiceUnavailable,
  );
}

// APPSYNC_JS has no try/catch: only a body that looks like a JSON object is parsed.
export function parseObject(body: string | null | undefined): Record<string, unknown> | null {
  const text = body ? body.trim() : '';
  if (!text.startsWith('{') || !text.endsWith('}')) {
    return null;
  }
  const parsed = JSON.parse(text) as unknown;
  return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
}
