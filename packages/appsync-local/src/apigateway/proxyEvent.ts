// Builds the event API Gateway sends to a Lambda proxy integration of a REST API (payload 1.0).
import type { IamPrincipal } from '../iam/sigv4.ts';
import type { AuthorizationType } from './definition.ts';
import type { APIGatewayEventIdentity, APIGatewayProxyEvent } from './lambdaTypes.ts';
import { isBinaryMediaType } from './mediaTypes.ts';
import { eventQuery } from './query.ts';
import { type GatewayRequest, headerValue, requestHostname } from './request.ts';

export interface ProxyEventInput {
  request: GatewayRequest;
  api: {
    restApiId: string;
    accountId: string;
    stage: string;
    deploymentId: string;
    stageVariables: Record<string, string> | undefined;
    binaryMediaTypes: readonly string[];
  };
  /** The method's authorization type: AWS_IAM methods do not pass the SigV4 header on. */
  authorization: AuthorizationType;
  resource: { path: string; id: string };
  /** The path after the stage, still percent-encoded. */
  path: string;
  pathParameters: Readonly<Record<string, string>>;
  /** The caller, when the method uses AWS_IAM. */
  principal: IamPrincipal | undefined;
  requestId: string;
  extendedRequestId: string;
  traceId: string;
  requestTimeEpoch: number;
}

// Never passed to an integration (hop-by-hop and framing headers).
const DROPPED_HEADERS = new Set([
  'connection',
  'content-length',
  'content-md5',
  'expect',
  'keep-alive',
  'max-forwards',
  'proxy-authenticate',
  'proxy-connection',
  'server',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'www-authenticate',
]);
// API Gateway (behind CloudFront) hands these on with canonical capitalisation, whatever the client sent.
const CANONICAL_NAMES: Record<string, string> = { host: 'Host', 'user-agent': 'User-Agent', authorization: 'Authorization' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function buildProxyEvent(input: ProxyEventInput): APIGatewayProxyEvent {
  const { request, api } = input;
  const { headers, multiValueHeaders } = eventHeaders(input);
  const query = eventQuery(request.rawQuery);
  const hostname = requestHostname(request);
  const hasPathParameters = Object.keys(input.pathParameters).length > 0;
  const stageVariables = api.stageVariables && Object.keys(api.stageVariables).length > 0 ? { ...api.stageVariables } : null;
  return {
    resource: input.resource.path,
    path: input.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: query.queryStringParameters,
    multiValueQueryStringParameters: query.multiValueQueryStringParameters,
    pathParameters: hasPathParameters ? { ...input.pathParameters } : null,
    stageVariables,
    requestContext: {
      resourceId: input.resource.id,
      resourcePath: input.resource.path,
      httpMethod: request.method,
      extendedRequestId: input.extendedRequestId,
      requestTime: clfTime(input.requestTimeEpoch),
      path: `/${api.stage}${input.path === '/' ? '/' : input.path}`,
      accountId: api.accountId,
      protocol: request.protocol,
      stage: api.stage,
      domainPrefix: hostname.split('.')[0] ?? '',
      requestTimeEpoch: input.requestTimeEpoch,
      requestId: input.requestId,
      identity: identityOf(input.principal, request.sourceIp, headerValue(request, 'user-agent')),
      domainName: hostname,
      deploymentId: api.deploymentId,
      apiId: api.restApiId,
    },
    ...eventBody(request, api.binaryMediaTypes),
  };
}

function eventHeaders(input: ProxyEventInput): Pick<APIGatewayProxyEvent, 'headers' | 'multiValueHeaders'> {
  const { request } = input;
  const dropAuthorization = input.authorization === 'AWS_IAM';
  const multi = new Map<string, { name: string; values: string[] }>();
  const put = (name: string, values: string[]) => multi.set(name.toLowerCase(), { name, values });
  for (const [rawName, value] of request.rawHeaders) {
    const key = rawName.toLowerCase();
    if (DROPPED_HEADERS.has(key) || (dropAuthorization && key === 'authorization')) continue;
    const entry = multi.get(key);
    if (entry) entry.values.push(value);
    else put(CANONICAL_NAMES[key] ?? rawName, [value]);
  }
  const forwardedFor = multi.get('x-forwarded-for')?.values.join(', ');
  put('X-Amzn-Trace-Id', [input.traceId]);
  put('X-Forwarded-For', [forwardedFor ? `${forwardedFor}, ${request.sourceIp}` : request.sourceIp]);
  put('X-Forwarded-Port', [String(request.localPort)]);
  put('X-Forwarded-Proto', ['http']);
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const { name, values } of multi.values()) {
    headers[name] = values.at(-1)!;
    multiValueHeaders[name] = values;
  }
  return { headers, multiValueHeaders };
}

function identityOf(
  principal: IamPrincipal | undefined,
  sourceIp: string,
  userAgent: string | undefined,
): APIGatewayEventIdentity {
  return {
    cognitoIdentityPoolId: null,
    accountId: principal?.accountId ?? null,
    cognitoIdentityId: null,
    caller: principal?.username ?? null,
    sourceIp,
    principalOrgId: null,
    accessKey: principal?.accessKeyId ?? null,
    cognitoAuthenticationType: null,
    cognitoAuthenticationProvider: null,
    userArn: principal?.userArn ?? null,
    userAgent: userAgent ?? null,
    user: principal?.username ?? null,
  };
}

function eventBody(
  request: GatewayRequest,
  binaryMediaTypes: readonly string[],
): Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded'> {
  if (request.body.length === 0) return { body: null, isBase64Encoded: false };
  if (isBinaryMediaType(headerValue(request, 'content-type'), binaryMediaTypes)) {
    return { body: request.body.toString('base64'), isBase64Encoded: true };
  }
  return { body: request.body.toString('utf8'), isBase64Encoded: false };
}

/** `20/Feb/2018:22:48:57 +0000` */
function clfTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}
