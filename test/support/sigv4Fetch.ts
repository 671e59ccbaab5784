// Sends an IAM-signed (SigV4) GraphQL request, as an AWS SDK or the EventBridge AppSync target does.
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { IamPrincipal } from '../../local/iam/sigv4.ts';
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

export async function sendSigned<T = Record<string, unknown>>(url: string, request: HttpRequest): Promise<GraphQLHttpResponse<T>> {
  const { host: _host, ...headers } = request.headers;
  const response = await fetch(url, { method: request.method, headers, body: request.method === 'GET' ? undefined : (request.body as string) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}
