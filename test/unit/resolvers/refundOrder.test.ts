// Mutation.refundOrder as bundled (npm run build), run by the runtime's APPSYNC_JS evaluator: the
// request it sends the payment service, and each of the service's answers as clients see it.
import { readFileSync } from 'node:fs';
import { createInvocation } from 'appsync-local/appsync/js/invocation.ts';
import { JsEvaluator } from 'appsync-local/appsync/js/evaluator.ts';
import { describe, expect, it } from 'vitest';
import { resolverBundlePath } from '../../../system/artifacts.ts';

const evaluator = new JsEvaluator();
const field = evaluator.load(readFileSync(resolverBundlePath('Mutation', 'refundOrder'), 'utf8'), 'Mutation.refundOrder.js');

const admin = { sub: 'admin-sub-1', username: 'admin', groups: ['admin'], claims: {} };
const args = { orderId: 'order-1', amount: 1500, reason: 'Damaged in transit', idempotencyKey: 'key-1' };
const payment = {
  orderId: 'order-1',
  method: 'CARD',
  status: 'PARTIALLY_REFUNDED',
  amount: 5000,
  capturedAmount: 5000,
  refundedAmount: 1500,
  payUrl: null,
  expiresAt: null,
  modifiedDate: '2026-01-02T00:00:00.000Z',
};

function context(overrides: Record<string, unknown>) {
  return { arguments: args, args, identity: admin, source: null, stash: {}, prev: { result: null }, result: null, ...overrides };
}

const run = (handler: 'request' | 'response', ctx: Record<string, unknown>) =>
  evaluator.evaluate(field, handler, ctx, createInvocation('AMAZON_COGNITO_USER_POOLS'));

const answered = (statusCode: number, body: unknown) =>
  run('response', context({ result: { statusCode, headers: {}, body: typeof body === 'string' ? body : JSON.stringify(body) } }));

describe('Mutation.refundOrder', () => {
  it('posts the refund to the payment service, requested by the caller', () => {
    const request = run('request', context({}));
    expect(request).toMatchObject({ kind: 'value', value: { method: 'POST', resourcePath: '/prod/payments/refund' } });
    expect(JSON.parse((request as { value: { params: { body: string } } }).value.params.body) as unknown).toEqual({
      ...args,
      requestedBy: 'admin-sub-1',
    });
  });

  it('sends amount null when none is given: all that is left', () => {
    const withoutAmount = { ...args, amount: undefined };
    const request = run('request', context({ args: withoutAmount, arguments: withoutAmount }));
    expect(JSON.parse((request as { value: { params: { body: string } } }).value.params.body) as unknown).toMatchObject({
      amount: null,
    });
  });

  it('answers the payment after the refund, without its order id', () => {
    const { orderId: _orderId, ...shown } = payment;
    expect(answered(200, { payment })).toEqual({ kind: 'value', value: shown });
  });

  it.each([
    [400, 'INVALID_INPUT', 'BadRequest'],
    [404, 'NOT_FOUND', 'NotFound'],
    [409, 'CONFLICT', 'Conflict'],
    [503, 'SERVICE_UNAVAILABLE', 'ServiceUnavailable'],
    [500, 'INTERNAL_ERROR', 'InternalFailure'],
  ])('answers the service’s %d %s as errorType %s, with its message', (statusCode, code, errorType) => {
    expect(answered(statusCode, { error: { code, message: `the service says ${code}` } })).toMatchObject({
      kind: 'error',
      error: { errorType, message: `the service says ${code}` },
    });
  });

  it('answers ServiceUnavailable when the service does not answer as it does', () => {
    expect(answered(502, 'Bad Gateway')).toMatchObject({ kind: 'error', error: { errorType: 'ServiceUnavailable' } });
    expect(run('response', context({ error: { message: 'connect ECONNREFUSED', type: 'HTTP' } }))).toMatchObject({
      kind: 'error',
      error: { errorType: 'ServiceUnavailable', message: expect.stringMatching(/could not be reached: connect ECONNREFUSED/) },
    });
  });
});
