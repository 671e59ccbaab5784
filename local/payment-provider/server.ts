// The payment provider simulator over HTTP. Shoppers' apps call POST /preauth directly (as they
// would a real provider's client-side API, so CORS is open); the payment backend calls the rest
// with the provider's secret key in `authorization: Bearer <key>`: GET /payments/{token} (with its
// refunds), POST /payments/{token}/check|capture|cancel and POST /payments/{token}/refund
// `{ amount, refundId }`, which answers `{ refund, payment }`. Started with `gateway`, the same
// server also speaks Zalo Pay's v2 API and serves its hosted payment page (gatewayHttp.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, type RunningServer } from 'appsync-local/appsync/server.ts';
import { readBodyWithin } from 'appsync-local/http/body.ts';
import { type GatewayOptions, PaymentGateway } from './gateway.ts';
import { handleGateway, isGatewayPath } from './gatewayHttp.ts';
import { type Payment, PaymentProvider, PaymentProviderError } from './provider.ts';

export interface PaymentProviderServer extends RunningServer {
  readonly provider: PaymentProvider;
  /** The Zalo Pay gateway's in-memory model, when started with `gateway`. */
  readonly gateway: PaymentGateway | undefined;
}

export interface PaymentProviderOptions {
  readonly secretKey: string;
  readonly port?: number;
  /** Also simulate a Zalo Pay v2 gateway for this app and its keys. */
  readonly gateway?: GatewayOptions;
}

const MAX_BODY_BYTES = 16 * 1024;

export async function startPaymentProvider(options: PaymentProviderOptions): Promise<PaymentProviderServer> {
  const provider = new PaymentProvider();
  // An order's order_url is this server's own pay page: its address is known once it listens.
  let baseUrl = '';
  const gateway =
    options.gateway && new PaymentGateway(options.gateway, (token) => `${baseUrl}/pay/${encodeURIComponent(token)}`);
  const running = await listen((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (gateway && isGatewayPath(path)) return handleGateway(gateway, request, response);
    return handle(provider, options.secretKey, request, response);
  }, options.port ?? 0);
  baseUrl = running.url;
  return {
    ...running,
    provider,
    gateway,
    close: () => {
      gateway?.close();
      return running.close();
    },
  };
}

async function handle(
  provider: PaymentProvider,
  secretKey: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (request.method === 'OPTIONS') return send(response, 204, null);
  try {
    if (request.method === 'POST' && path === '/preauth') {
      const body = await readJson(request);
      return send(response, 201, view(provider.preauthorize(body.cardNumber, body.amount)));
    }
    if (request.headers.authorization !== `Bearer ${secretKey}`) {
      return send(response, 401, { error: 'unauthorized', message: 'A valid secret key is required.' });
    }
    const tokenPath = /^\/payments\/([^/]+)(\/(check|capture|cancel|refund))?$/.exec(path);
    if (!tokenPath) return send(response, 404, { error: 'not_found', message: `No route for ${request.method} ${path}.` });
    const token = decodeURIComponent(tokenPath[1]!);
    const action = tokenPath[3];
    if (request.method === 'GET' && !action) return send(response, 200, view(provider.get(token)));
    if (request.method !== 'POST' || !action) return send(response, 405, { error: 'method_not_allowed', message: 'Use POST.' });
    const body = await readJson(request);
    if (action === 'check') {
      const { authorized, payment } = provider.check(token, body.amount);
      return send(response, 200, { authorized, payment: view(payment) });
    }
    if (action === 'capture') return send(response, 200, view(provider.capture(token, body.amount)));
    if (action === 'refund') {
      const { payment, refund } = provider.refund(token, body.amount, body.refundId);
      return send(response, 200, { refund, payment: view(payment) });
    }
    return send(response, 200, view(provider.cancel(token)));
  } catch (error) {
    if (error instanceof PaymentProviderError) return send(response, error.status, { error: error.code, message: error.message });
    return send(response, 500, { error: 'internal', message: 'The payment provider failed.' });
  }
}

function view(payment: Payment): Record<string, unknown> {
  return { ...payment };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBodyWithin(request, MAX_BODY_BYTES);
  if (body === undefined) throw new PaymentProviderError(413, 'invalid_request', 'The body is too large.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8') || '{}');
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new PaymentProviderError(400, 'invalid_request', 'The body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const payload = body === null ? '' : JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'content-type, authorization',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
  });
  response.end(payload);
}
