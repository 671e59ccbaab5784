// API Gateway proxy events (REST, payload 1.0) for calling an adapted handler directly.
import type { APIGatewayProxyEvent } from '../../../backend-services/shared/lambdaTypes.ts';

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
