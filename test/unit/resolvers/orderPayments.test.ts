// The payment fields' resolvers, run as bundled (npm run build) by the runtime's APPSYNC_JS
// evaluator: a page of getOrders costs the payment service one call, or none when the query does
// not ask for payments, and Order.payment then answers what the page fetched without a call.
import { readFileSync } from 'node:fs';
import { createInvocation } from 'appsync-local/appsync/js/invocation.ts';
import { JsEvaluator } from 'appsync-local/appsync/js/evaluator.ts';
import { describe, expect, it } from 'vitest';
import { functionBundlePath, resolverBundlePath } from '../../../system/artifacts.ts';

const evaluator = new JsEvaluator();
const attach = evaluator.load(readFileSync(functionBundlePath('attachOrderPayments'), 'utf8'), 'attachOrderPayments.js');
const field = evaluator.load(readFileSync(resolverBundlePath('Order', 'payment'), 'utf8'), 'Order.payment.js');

const payment = (orderId: string) => ({
  orderId,
  method: 'CARD',
  status: 'AUTHORIZED',
  amount: 4200,
  capturedAmount: 0,
  refundedAmount: 0,
  payUrl: null,
  expiresAt: null,
  modifiedDate: '2026-01-01T00:00:00.000Z',
});
const order = (orderId: string, userId = 'shopper-1') => ({ orderId, userId, status: 'NEW' });
const shopper = { sub: 'shopper-1', username: 'shopper-1', groups: null, claims: {} };

function context(overrides: Record<string, unknown>) {
  return {
    arguments: {},
    args: {},
    identity: shopper,
    source: null,
    stash: {},
    prev: { result: null },
    result: null,
    info: { selectionSetList: [] },
    ...overrides,
  };
}

function run(code: typeof attach, handler: 'request' | 'response', ctx: Record<string, unknown>) {
  return evaluator.evaluate(code, handler, ctx, createInvocation('AMAZON_COGNITO_USER_POOLS'));
}

describe('attachOrderPayments', () => {
  const page = () => ({ orders: [order('o-1'), order('o-2'), order('o-3')], nextToken: null });

  it('asks the payment service once for the whole page when the query selects the payments', () => {
    const ctx = context({
      prev: { result: page() },
      info: { selectionSetList: ['orders', 'orders/orderId', 'orders/payment', 'orders/payment/status'] },
    });
    const request = run(attach, 'request', ctx);
    expect(request).toMatchObject({ kind: 'value', value: { method: 'POST', resourcePath: '/prod/payments/batch-get' } });
    const body = JSON.parse((request as { value: { params: { body: string } } }).value.params.body) as unknown;
    expect(body).toEqual({ orderIds: ['o-1', 'o-2', 'o-3'] });
  });

  it('calls nothing when the query does not select the payments', () => {
    const ctx = context({ prev: { result: page() }, info: { selectionSetList: ['orders', 'orders/orderId', 'orders/status'] } });
    expect(run(attach, 'request', ctx)).toMatchObject({ kind: 'earlyReturn', data: page() });
  });

  it('puts each payment on its order, null on an order the service has none for', () => {
    const result = { statusCode: 200, body: JSON.stringify({ payments: [payment('o-1'), payment('o-3')], missing: ['o-2'] }) };
    const outcome = run(attach, 'response', context({ prev: { result: page() }, result }));
    const { orderId: _id, ...shown } = payment('o-1');
    expect(outcome).toEqual({
      kind: 'value',
      value: {
        orders: [
          { ...order('o-1'), payment: shown },
          { ...order('o-2'), payment: null },
          { ...order('o-3'), payment: { ...shown } },
        ],
        nextToken: null,
      },
    });
  });

  it('marks the page’s payments unavailable when the service fails, keeping the orders', () => {
    const outcome = run(
      attach,
      'response',
      context({ prev: { result: page() }, error: { message: 'connect ECONNREFUSED', type: 'HTTP' } }),
    );
    const orders = (outcome as { value: { orders: { paymentUnavailable?: string }[] } }).value.orders;
    expect(orders).toHaveLength(3);
    for (const each of orders) expect(each.paymentUnavailable).toMatch(/could not be reached: connect ECONNREFUSED/);
  });
});

describe('Order.payment', () => {
  it('answers the payment the page fetched, with no call', () => {
    const { orderId: _id, ...shown } = payment('o-1');
    expect(run(field, 'request', context({ source: { ...order('o-1'), payment: shown } }))).toMatchObject({
      kind: 'earlyReturn',
      data: shown,
    });
    expect(run(field, 'request', context({ source: { ...order('o-1'), payment: null } }))).toMatchObject({
      kind: 'earlyReturn',
      data: null,
    });
  });

  it('asks for its own order’s payment when nothing fetched it', () => {
    const request = run(field, 'request', context({ source: order('o-9') }));
    expect(JSON.parse((request as { value: { params: { body: string } } }).value.params.body) as unknown).toEqual({
      orderIds: ['o-9'],
    });
  });

  it('refuses anyone but the owner and admin, even what a page fetched', () => {
    const other = { ...shopper, sub: 'someone-else' };
    expect(run(field, 'request', context({ identity: other, source: order('o-1') }))).toEqual({ kind: 'unauthorized' });
    const warehouse = { ...other, groups: ['warehouse'] };
    expect(run(field, 'request', context({ identity: warehouse, source: { ...order('o-1'), payment: null } }))).toEqual({
      kind: 'unauthorized',
    });
    const admin = { ...other, groups: ['admin'] };
    expect(run(field, 'request', context({ identity: admin, source: order('o-1') }))).toMatchObject({ kind: 'value' });
  });

  it('fails the field alone, ServiceUnavailable, when the page could not fetch the payments', () => {
    const outcome = run(
      field,
      'request',
      context({ source: { ...order('o-1'), paymentUnavailable: 'The payment service answered HTTP 503.' } }),
    );
    expect(outcome).toMatchObject({ kind: 'error', error: { errorType: 'ServiceUnavailable' } });
  });
});
