// The HTTP side: one REST API on its own port (its URL is `http://host:port/<stage>`, as on its own
// execute-api host), or several on one port, each under `/<restApiId>/<stage>`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen } from '../appsync/server.ts';
import type { RestApiDefinition } from './definition.ts';
import { forbidden } from './errors.ts';
import { createRestApi, gatewayErrorResponse, newRequestIds, type RestApi, type RestApiOptions } from './restApi.ts';
import type { GatewayRequest, GatewayResponse } from './request.ts';
import { readBodyWithin } from '../http/body.ts';
import { splitUrl } from '../http/url.ts';

export interface StartOptions extends RestApiOptions {
  /** 0 or omitted: any free port. */
  port?: number;
  host?: string;
}

export interface RunningRestApi {
  /** `http://127.0.0.1:PORT/<stage>` */
  url: string;
  restApiId: string;
  close(): Promise<void>;
}

export interface RunningRestApis {
  /** `http://127.0.0.1:PORT`, the endpoint an HTTP data source is given. */
  origin: string;
  /** Each API's base URL by API name: `http://127.0.0.1:PORT/<restApiId>/<stage>`. */
  urls: Record<string, string>;
  apis: { name: string; restApiId: string; stage: string; url: string }[];
  close(): Promise<void>;
}

/** API Gateway's payload limit; a larger request never reaches the API. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export async function startRestApi(definition: RestApiDefinition, options: StartOptions = {}): Promise<RunningRestApi> {
  const api = createRestApi(definition, options);
  const server = await listen(
    requestListener((request) => api.handle(request, request.rawPath)),
    options.port ?? 0,
    options.host,
  );
  return { url: `${server.url}/${definition.stage}`, restApiId: api.restApiId, close: () => server.close() };
}

export async function startRestApis(
  definitions: readonly RestApiDefinition[],
  options: StartOptions = {},
): Promise<RunningRestApis> {
  const byId = new Map<string, RestApi>();
  for (const definition of definitions) {
    const api = createRestApi(definition, options);
    const clash = byId.get(api.restApiId);
    if (clash)
      throw new Error(`REST APIs "${clash.definition.name}" and "${definition.name}" both have the id ${api.restApiId}.`);
    byId.set(api.restApiId, api);
  }
  const server = await listen(
    requestListener((request) => {
      const [, restApiId = '', ...rest] = request.rawPath.split('/');
      const api = byId.get(restApiId);
      if (!api) return Promise.resolve(gatewayErrorResponse(forbidden(), newRequestIds()));
      return api.handle(request, `/${rest.join('/')}`);
    }),
    options.port ?? 0,
    options.host,
  );
  const apis = [...byId.values()].map((api) => ({
    name: api.definition.name,
    restApiId: api.restApiId,
    stage: api.definition.stage,
    url: `${server.url}/${api.restApiId}/${api.definition.stage}`,
  }));
  return {
    origin: server.url,
    urls: Object.fromEntries(apis.map((api) => [api.name, api.url])),
    apis,
    close: () => server.close(),
  };
}

function requestListener(serve: (request: GatewayRequest) => Promise<GatewayResponse>) {
  return async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const body = await readBodyWithin(incoming, MAX_REQUEST_BYTES);
      if (body === undefined) {
        return send(response, {
          statusCode: 413,
          headers: [['Content-Type', 'text/plain']],
          body: Buffer.from(`HTTP content length exceeded ${MAX_REQUEST_BYTES} bytes.`),
        });
      }
      send(response, await serve(toGatewayRequest(incoming, body)));
    } catch (error) {
      process.stderr.write(
        `local API Gateway: unexpected error ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      send(response, {
        statusCode: 500,
        headers: [['Content-Type', 'application/json']],
        body: Buffer.from('{"message": "Internal server error"}'),
      });
    }
  };
}

function toGatewayRequest(incoming: IncomingMessage, body: Buffer): GatewayRequest {
  const { rawPath, rawQuery } = splitUrl(incoming.url ?? '/');
  const rawHeaders: [string, string][] = [];
  for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2)
    rawHeaders.push([incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!]);
  return {
    method: (incoming.method ?? 'GET').toUpperCase(),
    rawPath,
    rawQuery,
    rawHeaders,
    body,
    sourceIp: (incoming.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    protocol: `HTTP/${incoming.httpVersion}`,
    localPort: incoming.socket.localPort ?? 0,
  };
}

function send(response: ServerResponse, gatewayResponse: GatewayResponse): void {
  if (response.headersSent) return;
  const grouped = new Map<string, { name: string; values: string[] }>();
  for (const [name, value] of gatewayResponse.headers) {
    const entry = grouped.get(name.toLowerCase());
    if (entry) entry.values.push(value);
    else grouped.set(name.toLowerCase(), { name, values: [value] });
  }
  for (const { name, values } of grouped.values()) response.setHeader(name, values.length === 1 ? values[0]! : values);
  response.setHeader('Content-Length', gatewayResponse.body.length);
  response.writeHead(gatewayResponse.statusCode);
  response.end(gatewayResponse.body);
}
