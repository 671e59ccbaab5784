// API Gateway proxy events (REST, payload 1.0) and a Lambda context, for calling an adapted
// handler directly.
import type { APIGatewayProxyEvent, LambdaContext } from '../../../backend-services/platform/lambdaTypes.ts';

export function aProxyEvent(overrides: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  return {
    resource: '/products/{productId}',
    path: '/products/p-1',
    httpMethod: 'GET',
    headers: { Accept: 'application/json' },
    queryStringParameters: null,
    pathParameters: { productId: 'p-1' },
    body: null,
    isBase64Encoded: false,
    requestContext: { requestId: 'request-1', stage: 'prod' },
    ...overrides,
  };
}

export function aLambdaContext(overrides: Partial<LambdaContext> = {}): LambdaContext {
  return {
    functionName: 'products-batchGetProducts',
    awsRequestId: 'invocation-1',
    getRemainingTimeInMillis: () => 29_000,
    ...overrides,
  };
}
