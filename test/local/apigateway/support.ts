// Calls a local REST API as AppSync's HTTP resolver does: SigV4-signed (service execute-api) with
// @smithy/signature-v4, sent with fetch.
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RestApiDefinition } from '../../../local/apigateway/index.ts';
import type { APIGatewayProxyEvent, LambdaContext, ProxyHandler } from '../../../local/apigateway/index.ts';
import type { IamPrincipal } from '../../../local/iam/sigv4.ts';

export const REGION = 'eu-west-1';
export const ACCOUNT_ID = '123456789012';

export const appsyncRole: IamPrincipal = {
  accessKeyId: 'ASIAAPPSYNCROLEEXAMPLE',
  secretAccessKey: 'appsync-role-secret-key-example-0000000000',
  sessionToken: 'appsync-role-session-token',
  accountId: ACCOUNT_ID,
  userArn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/AppSyncServiceRole/APPSYNC_ASSUME_ROLE`,
  username: 'AROAAPPSYNCROLEEXAMPLE:APPSYNC_ASSUME_ROLE',
};

export const outsider: IamPrincipal = {
  accessKeyId: 'AKIAOUTSIDEREXAMPLE1',
  secretAccessKey: 'outsider-secret-key-example-00000000000000',
  accountId: '210987654321',
  userArn: 'arn:aws:iam::210987654321:user/outsider',
  username: 'AIDAOUTSIDEREXAMPLE1',
};

export const principals = (accessKeyId: string): IamPrincipal | undefined =>
  [appsyncRole, outsider].find((principal) => principal.accessKeyId === accessKeyId);

export function apiDefinition(overrides: Partial<RestApiDefinition> & Pick<RestApiDefinition, 'routes'>): RestApiDefinition {
  return {
    name: 'products',
    stage: 'prod',
    authorization: 'AWS_IAM',
    region: REGION,
    accountId: ACCOUNT_ID,
    principals,
    ...overrides,
  };
}

export interface SignedFetchOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  credentials?: Pick<IamPrincipal, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;
  signingDate?: Date;
  region?: string;
  service?: string;
  /** Sent instead of the signed body. */
  sendBody?: string;
}

/** `url` may carry a query string; its values are decoded with decodeURIComponent for signing. */
export async function signedFetch(url: string, options: SignedFetchOptions = {}): Promise<Response> {
  const headers = await signedHeaders(url, options);
  return fetch(url, { method: options.method ?? 'GET', headers, body: options.sendBody ?? options.body });
}

/** The headers to send (without Host, which the client sets) for a request signed as AppSync signs. */
export async function signedHeaders(url: string, options: SignedFetchOptions = {}): Promise<Record<string, string>> {
  const target = new URL(url);
  const method = options.method ?? 'GET';
  const credentials = options.credentials ?? appsyncRole;
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    },
    region: options.region ?? REGION,
    service: options.service ?? 'execute-api',
    sha256: Sha256,
  });
  const request = new HttpRequest({
    method,
    protocol: target.protocol,
    hostname: target.hostname,
    port: Number(target.port),
    path: target.pathname,
    query: signingQuery(target.search),
    headers: { host: target.host, ...options.headers },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const signed = await signer.sign(request, { signingDate: options.signingDate ?? new Date() });
  const { host: _host, ...headers } = signed.headers;
  return headers;
}

function signingQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const [name = '', value = ''] = pair.split('=', 2).map(decodeURIComponent);
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return query;
}

export interface Invocation {
  event: APIGatewayProxyEvent;
  context: LambdaContext;
  remainingAtStart: number;
}

/** A handler that answers 200 with its event, and remembers every invocation. */
export function echoHandler(): { handler: ProxyHandler; invocations: Invocation[] } {
  const invocations: Invocation[] = [];
  const handler: ProxyHandler = async (event, context) => {
    invocations.push({ event, context, remainingAtStart: context.getRemainingTimeInMillis() });
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) };
  };
  return { handler, invocations };
}

export function collectLog(): { log: (line: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { log: (line) => lines.push(line), lines };
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
