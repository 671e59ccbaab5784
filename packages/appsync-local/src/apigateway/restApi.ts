// One deployed REST API stage: stage → resource and method → IAM → Lambda proxy integration →
// response, in the order API Gateway applies them, on plain requests (server.ts does the HTTP).
import { randomBytes, randomUUID } from 'node:crypto';
import type { IamPrincipal } from '../iam/sigv4.ts';
import {
  assertValidDefinition,
  defaultRestApiId,
  INTEGRATION_TIMEOUT_MS,
  resourceIdOf,
  type RestApiDefinition,
} from './definition.ts';
import { endpointRequestTimedOut, forbidden, GatewayError, internalServerError, missingAuthenticationToken } from './errors.ts';
import { authorizeIam, methodArn } from './iamAuth.ts';
import { invokeProxyHandler } from './invoke.ts';
import { newLogStreamName } from '../lambda/context.ts';
import type { LogLine } from '../lambda/invoke.ts';
import { buildProxyEvent } from './proxyEvent.ts';
import { interpretProxyResult } from './proxyResult.ts';
import { type GatewayRequest, type GatewayResponse, headerValue } from './request.ts';
import { createRouter, selectMethod } from './routing.ts';

export interface RestApiOptions {
  /** Where handler failures are logged, as CloudWatch would receive them. Default: stderr. */
  log?: LogLine;
  /** The clock SigV4 dates are checked against. */
  now?: () => Date;
}

export interface RestApi {
  readonly restApiId: string;
  readonly definition: RestApiDefinition;
  /**
   * Serves one request. `stagePath` is the path from the stage on (`/prod/products/p-1`), still
   * percent-encoded; `request.rawPath` stays the full path the client signed.
   */
  handle(request: GatewayRequest, stagePath: string): Promise<GatewayResponse>;
}

interface RequestIds {
  requestId: string;
  extendedRequestId: string;
  traceId: string;
}

const writeToStderr: LogLine = (line) => process.stderr.write(`${line}\n`);

export function createRestApi(definition: RestApiDefinition, options: RestApiOptions = {}): RestApi {
  assertValidDefinition(definition);
  const restApiId = definition.restApiId ?? defaultRestApiId(definition.name);
  const router = createRouter(definition.routes);
  const deploymentId = randomId(6);
  const log = options.log ?? writeToStderr;
  const logStreams = new Map(definition.routes.map((route) => [route.functionName, newLogStreamName()]));

  async function serve(request: GatewayRequest, stagePath: string, ids: RequestIds): Promise<GatewayResponse> {
    const [, stage, ...rest] = stagePath.split('/');
    if (stage !== definition.stage) throw forbidden();
    const path = `/${rest.join('/')}`;
    const match = router.match(path);
    const route = match && selectMethod(match.resource, request.method);
    if (!match || !route) throw missingAuthenticationToken();

    // API Gateway keeps authorizationType per method; here a route may override the API's default.
    const authorization = route.authorization ?? definition.authorization;
    let principal: IamPrincipal | undefined;
    if (authorization === 'AWS_IAM') {
      const auth = await authorizeIam(request, definition, methodArn(definition, restApiId, request.method, path), options.now);
      if (!auth.ok) throw auth.error;
      principal = auth.principal;
    }

    const event = buildProxyEvent({
      request,
      api: {
        restApiId,
        accountId: definition.accountId,
        stage: definition.stage,
        deploymentId,
        stageVariables: definition.stageVariables,
        binaryMediaTypes: definition.binaryMediaTypes ?? [],
      },
      authorization,
      resource: { path: match.resource.path, id: resourceIdOf(restApiId, match.resource.path) },
      path,
      pathParameters: match.pathParameters,
      principal,
      requestId: ids.requestId,
      extendedRequestId: ids.extendedRequestId,
      traceId: ids.traceId,
      requestTimeEpoch: Date.now(),
    });
    const outcome = await invokeProxyHandler(
      {
        functionName: route.functionName,
        handler: route.handler,
        region: definition.region,
        accountId: definition.accountId,
        logStreamName: logStreams.get(route.functionName) ?? newLogStreamName(),
      },
      event,
      { integrationTimeoutMs: route.timeoutMs ?? INTEGRATION_TIMEOUT_MS, functionTimeoutMs: route.functionTimeoutMs },
      log,
    );
    if (outcome.kind === 'integrationTimeout') {
      log(`(${ids.requestId}) Execution failed due to a timeout error`);
      throw endpointRequestTimedOut();
    }
    if (outcome.kind === 'failed') throw internalServerError();

    const result = interpretProxyResult(outcome.payload, {
      accept: headerValue(request, 'accept'),
      binaryMediaTypes: definition.binaryMediaTypes ?? [],
    });
    if (!result.ok) {
      log(`(${ids.requestId}) Endpoint response body before transformations: ${JSON.stringify(outcome.payload)}`);
      log(`(${ids.requestId}) Execution failed due to configuration error: Malformed Lambda proxy response (${result.problem})`);
      throw internalServerError();
    }
    const headers: [string, string][] = [...result.headers, ...gatewayHeaders(ids), ['X-Amzn-Trace-Id', ids.traceId]];
    return { statusCode: result.statusCode, headers, body: result.body };
  }

  return {
    restApiId,
    definition,
    async handle(request, stagePath) {
      const ids = newRequestIds();
      try {
        return await serve(request, stagePath, ids);
      } catch (error) {
        if (error instanceof GatewayError) return gatewayErrorResponse(error, ids);
        throw error;
      }
    },
  };
}

export function newRequestIds(): RequestIds {
  const epochHex = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return {
    requestId: randomUUID(),
    extendedRequestId: randomBytes(11).toString('base64'),
    traceId: `Root=1-${epochHex}-${randomBytes(12).toString('hex')}`,
  };
}

export function gatewayErrorResponse(error: GatewayError, ids: RequestIds): GatewayResponse {
  const headers: [string, string][] = [
    ['Content-Type', 'application/json'],
    ...gatewayHeaders(ids),
    ['x-amzn-ErrorType', error.errorType],
  ];
  if (error.afterIntegration) headers.push(['X-Amzn-Trace-Id', ids.traceId]);
  return { statusCode: error.statusCode, headers, body: Buffer.from(error.body, 'utf8') };
}

function gatewayHeaders(ids: RequestIds): [string, string][] {
  return [
    ['x-amzn-RequestId', ids.requestId],
    ['x-amz-apigw-id', ids.extendedRequestId],
  ];
}

function randomId(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}
