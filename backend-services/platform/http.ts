// The one API Gateway adapter: a proxy event becomes a plain request, and what a route returns
// (or throws) becomes the proxy result. Routes never see API Gateway's shapes; they get the
// Lambda context as it is, as Hono's Lambda adapter hands it to the app. Built once per function,
// at load: every invocation goes through the same handler.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, LambdaContext } from './lambdaTypes.ts';
import { InvalidInputError, ServiceError } from './errors.ts';

export interface Request {
  readonly method: string;
  /** The path after the stage, percent-decoded. */
  readonly path: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** Names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body parsed as JSON; undefined when there is none. */
  readonly body: unknown;
}

export interface Response {
  /** Default 200. */
  readonly statusCode?: number;
  readonly body: unknown;
}

export type Route = (request: Request, context: LambdaContext) => Promise<Response>;
export type ProxyHandler = (event: APIGatewayProxyEvent, context: LambdaContext) => Promise<APIGatewayProxyResult>;

/** `logger` is the service's: it records what fails unexpectedly. */
export function apiGatewayHandler(route: Route, logger: Logger): ProxyHandler {
  return async (event, context) => {
    try {
      const response = await route(toRequest(event), context);
      return jsonResult(response.statusCode ?? 200, response.body);
    } catch (error) {
      if (error instanceof ServiceError) return jsonResult(error.statusCode, { error: error.toJSON() });
      // Unexpected: logged whole for the operator, never shown to the caller.
      logger.error('The request failed unexpectedly', {
        method: event.httpMethod,
        path: event.path,
        requestId: event.requestContext.requestId,
        error,
      });
      return jsonResult(500, {
        error: { code: 'INTERNAL_ERROR', message: 'The service failed to answer; the failure is logged.' },
      });
    }
  };
}

function toRequest(event: APIGatewayProxyEvent): Request {
  return {
    method: event.httpMethod,
    path: decode(event.path, 'path'),
    pathParameters: Object.fromEntries(
      Object.entries(event.pathParameters ?? {}).map(([name, value]) => [name, decode(value, name)]),
    ),
    query: { ...event.queryStringParameters },
    headers: Object.fromEntries(Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
    body: parseBody(event),
  };
}

function decode(value: string, what: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new InvalidInputError(`The ${what} is not validly percent-encoded.`);
  }
}

function parseBody(event: APIGatewayProxyEvent): unknown {
  if (event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidInputError('The request body is not valid JSON.');
  }
}

function jsonResult(statusCode: number, body: unknown): APIGatewayProxyResult {
  return { statusCode, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}
