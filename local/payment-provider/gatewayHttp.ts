// The Zalo Pay v2 gateway simulator over HTTP, beside the card provider on the same server:
// - the merchant's API: POST /v2/create, /v2/query, /v2/refund, /v2/query_refund, with a form
//   (application/x-www-form-urlencoded) or JSON body, answered 200 with Zalo Pay's JSON;
// - the hosted page: GET /pay/<token> and its POST /pay/<token> (action=pay|decline);
// - for tests and demos: POST|DELETE /admin/gateway/faults, POST
//   /admin/gateway/orders/<app_trans_id>/pay|decline, GET /admin/gateway/orders/<app_trans_id>,
//   GET /admin/gateway/pay/<token> (the order behind a pay page).
// Callback fault switches (`callback`, `lateMs`) ride on the pay page's query string and form, or
// the admin endpoints' JSON; see README.md.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBodyWithin } from 'appsync-local/http/body.ts';
import { RETURN_CODE, SUB_RETURN_CODE } from '../../backend-services/payment/gateway/zaloPayProtocol.ts';
import { type GatewayOrder, GatewayStateError, type PaymentGateway } from './gateway.ts';
import { type CallbackFault, describeCallbackFault, parseCallbackFault } from './gatewayCallbacks.ts';
import { renderClosedPage, renderMessagePage, renderPayPage, renderResultPage } from './payPage.ts';

const MAX_BODY_BYTES = 16 * 1024;
const API = { '/v2/create': 'create', '/v2/query': 'query', '/v2/refund': 'refund', '/v2/query_refund': 'queryRefund' } as const;

/** Whether the gateway answers this path (the card provider answers the rest). */
export function isGatewayPath(path: string): boolean {
  return path in API || path.startsWith('/pay/') || path.startsWith('/admin/gateway/');
}

export async function handleGateway(gateway: PaymentGateway, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const path = url.pathname;
  try {
    const operation = API[path as keyof typeof API];
    if (operation) {
      if (request.method !== 'POST') return sendJson(response, 405, { error: 'method_not_allowed', message: 'Use POST.' });
      const fields = await readFields(request);
      if (!fields) return sendJson(response, 200, malformedBody());
      return sendJson(response, 200, gateway[operation](fields));
    }
    const payPage = /^\/pay\/([^/]+)$/.exec(path);
    if (payPage) return await handlePayPage(gateway, decodeURIComponent(payPage[1]!), url, request, response);
    if (path === '/admin/gateway/faults') return await handleFaults(gateway, request, response);
    const byPayLink = /^\/admin\/gateway\/pay\/([^/]+)$/.exec(path);
    if (byPayLink && request.method === 'GET') {
      // The order behind a pay page: what a test holding only the shopper's payUrl can look up.
      const order = gateway.orderByToken(decodeURIComponent(byPayLink[1]!));
      if (!order) return sendJson(response, 404, { error: 'not_found', message: 'No order has this payment link.' });
      return sendJson(response, 200, { order: orderView(gateway, order) });
    }
    const adminOrder = /^\/admin\/gateway\/orders\/([^/]+)(?:\/(pay|decline))?$/.exec(path);
    if (adminOrder) return await handleAdminOrder(gateway, decodeURIComponent(adminOrder[1]!), adminOrder[2], request, response);
    return sendJson(response, 404, { error: 'not_found', message: `No route for ${request.method} ${path}.` });
  } catch (error) {
    if (error instanceof RangeError) return sendJson(response, 400, { error: 'invalid_request', message: error.message });
    console.error('gateway simulator: a request failed', error);
    return sendJson(response, 500, { error: 'internal', message: 'The gateway simulator failed.' });
  }
}

async function handlePayPage(
  gateway: PaymentGateway,
  token: string,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const order = gateway.orderByToken(token);
  if (!order) return sendHtml(response, 404, renderMessagePage('Not found', 'No order has this payment link.'));
  if (request.method === 'GET') {
    const switches = Object.fromEntries(
      ['callback', 'lateMs'].flatMap((name) => {
        const value = url.searchParams.get(name);
        return value === null ? [] : [[name, value]];
      }),
    );
    parseCallbackFault(switches.callback, switches.lateMs); // refuses a bad switch before the shopper clicks
    return sendHtml(response, 200, renderPayPage({ order, state: gateway.stateOf(order) }, switches));
  }
  if (request.method !== 'POST') return sendHtml(response, 405, renderMessagePage('Not allowed', 'Use GET or POST.'));
  const form = await readFields(request);
  const action = form?.action;
  if (action !== 'pay' && action !== 'decline') {
    return sendHtml(response, 400, renderMessagePage('Bad request', 'action must be pay or decline.'));
  }
  const fault = parseCallbackFault(form?.callback, form?.lateMs);
  try {
    settle(gateway, order.appTransId, action, fault);
  } catch (error) {
    if (error instanceof GatewayStateError) {
      return sendHtml(response, 409, renderClosedPage({ order, state: gateway.stateOf(order) }));
    }
    throw error;
  }
  return sendHtml(response, 200, renderResultPage({ order, state: gateway.stateOf(order) }, gateway.redirectUrlFor(order)));
}

async function handleFaults(gateway: PaymentGateway, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method === 'DELETE') {
    gateway.setFaults(undefined);
    return sendJson(response, 200, { faults: {} });
  }
  if (request.method !== 'POST') return sendJson(response, 405, { error: 'method_not_allowed', message: 'Use POST or DELETE.' });
  const body = (await readFields(request)) ?? {};
  const fault = parseCallbackFault(body.callback, body.lateMs);
  if (!fault) throw new RangeError('callback is required: drop, twice, late, bad-mac or times:N');
  gateway.setFaults(fault);
  return sendJson(response, 200, { faults: describeCallbackFault(fault) });
}

async function handleAdminOrder(
  gateway: PaymentGateway,
  appTransId: string,
  action: string | undefined,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (!action) {
    const order = gateway.order(appTransId);
    if (request.method !== 'GET') return sendJson(response, 405, { error: 'method_not_allowed', message: 'Use GET.' });
    if (!order) return sendJson(response, 404, { error: 'not_found', message: `No order has app_trans_id ${appTransId}.` });
    return sendJson(response, 200, { order: orderView(gateway, order) });
  }
  if (request.method !== 'POST') return sendJson(response, 405, { error: 'method_not_allowed', message: 'Use POST.' });
  const body = (await readFields(request)) ?? {};
  try {
    const order = settle(gateway, appTransId, action as 'pay' | 'decline', parseCallbackFault(body.callback, body.lateMs));
    return sendJson(response, 200, { order: orderView(gateway, order) });
  } catch (error) {
    if (!(error instanceof GatewayStateError)) throw error;
    const status = error.state === 'UNKNOWN' ? 404 : 409;
    return sendJson(response, status, {
      error: error.state === 'UNKNOWN' ? 'not_found' : 'invalid_state',
      message: error.message,
    });
  }
}

function settle(gateway: PaymentGateway, appTransId: string, action: 'pay' | 'decline', fault: CallbackFault | undefined) {
  return action === 'pay' ? gateway.pay(appTransId, fault) : gateway.decline(appTransId);
}

function orderView(gateway: PaymentGateway, order: GatewayOrder): Record<string, unknown> {
  return {
    appTransId: order.appTransId,
    state: gateway.stateOf(order),
    amount: order.amount,
    zpTransId: order.zpTransId,
    zpTransToken: order.zpTransToken,
    expiresAt: new Date(order.expiresAt).toISOString(),
    callbackUrl: order.callbackUrl,
    callbacks: order.callbacks,
  };
}

/**
 * The request's fields as text: a form as it is, JSON with its numbers written out (the mac is
 * over their text). Undefined when the body is neither, or JSON holds something else.
 */
async function readFields(request: IncomingMessage): Promise<Record<string, string> | undefined> {
  const body = await readBodyWithin(request, MAX_BODY_BYTES);
  if (body === undefined) return undefined;
  const text = body.toString('utf8');
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === 'string') fields[name] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) fields[name] = String(value);
    else return undefined;
  }
  return fields;
}

function malformedBody(): Record<string, unknown> {
  const message = 'The body must be a form or a JSON object of strings and numbers.';
  return {
    return_code: RETURN_CODE.FAIL,
    return_message: message,
    sub_return_code: SUB_RETURN_CODE.ILLEGAL_DATA_REQUEST,
    sub_return_message: message,
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(html);
}
