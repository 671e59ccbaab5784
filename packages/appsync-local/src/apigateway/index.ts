export type { AuthorizationType, RestApiDefinition, RouteDefinition, RouteMethod } from './definition.ts';
export { InvalidDefinitionError, INTEGRATION_TIMEOUT_MS } from './definition.ts';
export type {
  APIGatewayEventIdentity,
  APIGatewayEventRequestContext,
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  ProxyHandler,
} from './lambdaTypes.ts';
export type { LambdaContext } from '../lambda/context.ts';
export { createRestApi, type RestApi, type RestApiOptions } from './restApi.ts';
export type { GatewayRequest, GatewayResponse } from './request.ts';
export { startRestApi, startRestApis, type RunningRestApi, type RunningRestApis, type StartOptions } from './server.ts';
