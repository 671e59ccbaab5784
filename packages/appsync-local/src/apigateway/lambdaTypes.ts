// The shapes Lambda and API Gateway use for a REST API's Lambda proxy integration (payload
// format 1.0). @types/aws-lambda is not a dependency, so they are defined here with AWS's field
// names and nullability, as seen in events captured from AWS (see README.md). The
// context object is Lambda's own, in ../lambda/context.ts.
import type { LambdaContext } from '../lambda/context.ts';

export interface APIGatewayEventClientCertificate {
  clientCertPem: string;
  serialNumber: string;
  subjectDN: string;
  issuerDN: string;
  validity: { notAfter: string; notBefore: string };
}

export interface APIGatewayEventIdentity {
  accessKey: string | null;
  accountId: string | null;
  caller: string | null;
  cognitoAuthenticationProvider: string | null;
  cognitoAuthenticationType: string | null;
  cognitoIdentityId: string | null;
  cognitoIdentityPoolId: string | null;
  principalOrgId: string | null;
  sourceIp: string;
  user: string | null;
  userAgent: string | null;
  userArn: string | null;
  /** Only on methods that require an API key. */
  apiKey?: string | null;
  apiKeyId?: string | null;
  /** Only with mutual TLS. */
  clientCert?: APIGatewayEventClientCertificate | null;
}

export interface APIGatewayEventRequestContext {
  accountId: string;
  apiId: string;
  /** Only with a Lambda or Cognito authorizer; IAM-authorized requests carry `identity` instead. */
  authorizer?: Record<string, unknown> | null;
  deploymentId: string;
  domainName: string;
  domainPrefix: string;
  extendedRequestId: string;
  httpMethod: string;
  identity: APIGatewayEventIdentity;
  /** The path with the stage, as requested: `/prod/products/p-1`. */
  path: string;
  protocol: string;
  requestId: string;
  /** CLF format: `20/Feb/2018:22:48:57 +0000`. */
  requestTime: string;
  requestTimeEpoch: number;
  resourceId: string;
  resourcePath: string;
  stage: string;
}

export interface APIGatewayProxyEvent {
  resource: string;
  /** The path after the stage, still percent-encoded. */
  path: string;
  httpMethod: string;
  /** The last value of each header. */
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  /** The last value of each parameter; null when the request has no query string. */
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
  /** Values are not percent-decoded. */
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string> | null;
  requestContext: APIGatewayEventRequestContext;
  body: string | null;
  isBase64Encoded: boolean;
}

export type HeaderValue = boolean | number | string;

export interface APIGatewayProxyResult {
  statusCode: number;
  headers?: Record<string, HeaderValue>;
  multiValueHeaders?: Record<string, HeaderValue[]>;
  body: string;
  isBase64Encoded?: boolean;
}

export type ProxyHandler = (event: APIGatewayProxyEvent, context: LambdaContext) => Promise<APIGatewayProxyResult>;
