// IAM-signed (SigV4) requests for tests: a GraphQL request as an AWS SDK or the EventBridge
// AppSync target sends it, and any request to a REST API as AppSync's HTTP resolver signs it.
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../iam/sha256.ts';
import type { IamPrincipal } from '../iam/sigv4.ts';
import type { GraphQLHttpResponse } from './graphql.ts';

export async function signedRequest(
  url: string,
  body: string,
  principal: Pick<IamPrincipal, 'accessKeyId' | 'secretAccessKey'>,
  options: { region?: string; service?: string; method?: string; signingDate?: Date; tamper?: (body: string) => string } = {},
): Promise<HttpRequest> {
  const target = new URL(url);
  const signer = new SignatureV4({
    credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey },
    region: options.region ?? 'us-east-1',
    service: options.service ?? 'appsync',
    sha256: Sha256,
  });
  const request = new HttpRequest({
    protocol: target.protocol,
    hostname: target.hostname,
    port: Number(target.port),
    method: options.method ?? 'POST',
    path: target.pathname,
    headers: { host: target.host, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body || undefined,
  });
  const signed = (await signer.sign(request, { signingDate: options.signingDate })) as HttpRequest;
  if (options.tamper) signed.body = options.tamper(body);
  return signed;
}

export async function sendSigned<T = Record<string, unknown>>(
  url: string,
  request: HttpRequest,
): Promise<GraphQLHttpResponse<T>> {
  const { host: _host, ...headers } = request.headers;
  const response = await fetch(url, {
    method: request.method,
    headers,
    body: request.method === 'GET' ? undefined : (request.body as string),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

export interface SignOptions {
  credentials: Pick<IamPrincipal, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;
  region: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signingDate?: Date;
  /** Defaults to execute-api. */
  service?: string;
}

/** The headers to send (without Host, which the client sets) for a request signed as AppSync signs. */
export async function signHeaders(url: string, options: SignOptions): Promise<Record<string, string>> {
  const target = new URL(url);
  const method = options.method ?? 'GET';
  const credentials = options.credentials;
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    },
    region: options.region,
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
