// Mutation.createOrder and Mutation.placeOrder as bundled (npm run build), run by the runtime's
// APPSYNC_JS evaluator: what a shopper is told for each thing the orders service's data source
// can answer, and above all what they are told when nobody knows whether the order was placed.
import { readFileSync } from 'node:fs';
import { createInvocation } from 'appsync-local/appsync/js/invocation.ts';
import { JsEvaluator } from 'appsync-local/appsync/js/evaluator.ts';
import { describe, expect, it } from 'vitest';
import { resolverBundlePath } from '../../../system/artifacts.ts';

const evaluator = new JsEvaluator();
const shopper = { sub: 'shopper-sub-1', username: 'shopper', groups: [], claims: { email: 'shopper@example.com' } };

describe.each(['createOrder', 'placeOrder'])('Mutation.%s', (fieldName) => {
  const field = evaluator.load(readFileSync(resolverBundlePath('Mutation', fieldName), 'utf8'), `Mutation.${fieldName}.js`);

  function respond(args: Record<string, unknown>, outcome: { result?: unknown; error?: { message: string; type: string } }) {
    const ctx = { arguments: args, args, identity: shopper, source: null, stash: {}, prev: { result: null }, result: null };
    const evaluated = evaluator.evaluate(
      field,
      'response',
      { ...ctx, ...outcome },
      createInvocation('AMAZON_COGNITO_USER_POOLS'),
    );
    expect(evaluated.kind).toBe('value');
    return (evaluated as { value: { success: boolean; message: string; errors: { code: string; message: string }[] } }).value;
  }
  const answered = (statusCode: number, body: string) => ({ result: { statusCode, headers: {}, body } });
  const timedOut = { error: { type: 'HTTP:ConnectionError', message: 'The operation was aborted due to timeout' } };
  const withKey = { idempotencyKey: 'checkout-1' };

  it("answers the service's own answer as it is, a refusal included", () => {
    const refusal = {
      success: false,
      message: 'The order was not placed. The payment was declined.',
      errors: [{ code: 'PAYMENT_DECLINED', message: 'The payment was declined.', productId: null }],
      order: null,
    };
    expect(respond(withKey, answered(422, JSON.stringify(refusal)))).toEqual(refusal);
  });

  it.each([
    ['no answer came (the data source timed out)', timedOut],
    [
      "API Gateway's 504: the function ran past its integration timeout",
      answered(504, '{"message": "Endpoint request timed out"}'),
    ],
    ['a 502 from a function that failed', answered(502, '{"message": "Internal server error"}')],
    ['a 200 without an order response', answered(200, '[]')],
  ])('says the outcome is unknown and to retry with the same key when %s', (_, outcome) => {
    const answer = respond(withKey, outcome);
    expect(answer).toEqual({
      success: false,
      message: expect.stringMatching(/^Whether the order was placed and paid is not known/),
      errors: [{ code: 'SERVICE_UNAVAILABLE', message: expect.any(String), productId: null }],
      order: null,
    });
    expect(answer.message).toContain('with the same idempotency key ("checkout-1")');
    expect(answer.message).not.toMatch(/nothing was ordered/);
  });

  it('tells a shopper who sent no key to look for the order before ordering again', () => {
    const answer = respond({ idempotencyKey: null }, timedOut);
    expect(answer.errors.map((error) => error.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(answer.message).toMatch(/Look for it in your orders before you order again/);
    expect(answer.message).not.toMatch(/nothing was ordered/);
  });

  it("says nothing was ordered or charged only when the request was refused before the service ran (API Gateway's 403)", () => {
    const answer = respond(withKey, answered(403, '{"message": "Forbidden"}'));
    expect(answer.message).toMatch(/nothing was ordered or charged/);
    expect(answer.errors).toEqual([
      {
        code: 'SERVICE_UNAVAILABLE',
        message: 'The orders service answered HTTP 403 without an order response.',
        productId: null,
      },
    ]);
  });
});
