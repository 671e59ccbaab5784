// HTTP: a real HTTP call to the data source's endpoint. With an IAM authorization config the
// call is SigV4-signed with the API's role credentials, as AppSync signs it.
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '../../iam/sha256.ts';
import type { DataSource, DataSourceResponse } from './types.ts';

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface HttpDataSourceConfig {
  /** Scheme, host and optional port, e.g. http://127.0.0.1:4010 (a path is not allowed). */
  readonly endpoint: string;
  readonly iam?: { readonly signingRegion: string; readonly signingServiceName: string; readonly credentials: AwsCredentials };
  readonly timeoutMs?: number;
}

interface HttpRequestShape {
  method: string;
  resourcePath: string;
  params?: { query?: Record<string, unknown>; headers?: Record<string, unknown>; body?: unknown };
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

export function createHttpDataSource(config: HttpDataSourceConfig): DataSource {
  const base = new URL(config.endpoint);
  const signer = config.iam
    ? new SignatureV4({
        credentials: config.iam.credentials,
        region: config.iam.signingRegion,
        service: config.iam.signingServiceName,
        sha256: Sha256,
      })
    : undefined;
  return {
    async invoke(request: unknown): Promise<DataSourceResponse> {
      const shape = parseRequest(request);
      if (typeof shape === 'string') return { result: null, error: { type: 'HTTP:InvalidRequest', message: shape } };
      const query = stringRecord(shape.params?.query);
      const headers = { ...stringRecord(shape.params?.headers), host: base.host };
      const body = bodyText(shape.params?.body);
      let signed = new HttpRequest({
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port ? Number(base.port) : undefined,
        method: shape.method,
        path: shape.resourcePath,
        query,
        headers,
        body,
      });
      if (signer) signed = (await signer.sign(signed)) as HttpRequest;
      // The query is encoded as SigV4 encodes it (RFC 3986), so what is sent is what was signed.
      const url = new URL(`${shape.resourcePath}${toQueryString(query)}`, base);
      try {
        const response = await fetch(url, {
          method: shape.method,
          headers: withoutHost(signed.headers),
          body: shape.method === 'GET' || shape.method === 'HEAD' ? undefined : body,
          signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
        });
        return {
          result: {
            statusCode: response.status,
            headers: Object.fromEntries(response.headers.entries()),
            body: await response.text(),
          },
        };
      } catch (error) {
        return { result: null, error: { type: 'HTTP:ConnectionError', message: describeFetchError(error, url) } };
      }
    },
  };
}

function parseRequest(request: unknown): HttpRequestShape | string {
  if (typeof request !== 'object' || request === null) return 'The HTTP request must be an object.';
  const { method, resourcePath, params } = request as Record<string, unknown>;
  if (typeof method !== 'string' || !METHODS.has(method.toUpperCase())) {
    return `Unsupported HTTP method: ${String(method)}.`;
  }
  if (typeof resourcePath !== 'string' || !resourcePath.startsWith('/')) {
    return 'resourcePath must be a string that starts with "/".';
  }
  return { method: method.toUpperCase(), resourcePath, params: (params ?? {}) as HttpRequestShape['params'] };
}

function stringRecord(value: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value ?? {})) {
    if (v !== undefined && v !== null) out[name] = String(v);
  }
  return out;
}

function toQueryString(query: Record<string, string>): string {
  const pairs = Object.entries(query).map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value)}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function withoutHost(headers: Record<string, string>): Record<string, string> {
  const { host: _host, ...rest } = headers;
  return rest;
}

function describeFetchError(error: unknown, url: URL): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error).message;
  return `The HTTP request to ${url.origin} failed: ${detail}`;
}
