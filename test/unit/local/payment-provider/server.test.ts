import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLINED_CARD } from '../../../../local/payment-provider/provider.ts';
import { type PaymentProviderServer, startPaymentProvider } from '../../../../local/payment-provider/server.ts';

const SECRET = 'sk_local_test';
let server: PaymentProviderServer;

beforeAll(async () => {
  server = await startPaymentProvider({ secretKey: SECRET });
});

afterAll(async () => {
  await server?.close();
});

async function call(method: string, path: string, body?: unknown, secret: string | null = SECRET) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function preauth(amount: number): Promise<string> {
  const response = await call('POST', '/preauth', { cardNumber: '4242424242424242', amount }, null);
  expect(response.status).toBe(201);
  return response.body.paymentToken as string;
}

describe('payment provider simulator', () => {
  it('pre-authorises a card for an amount, without the secret key, and returns a token', async () => {
    const response = await call('POST', '/preauth', { cardNumber: '4242424242424242', amount: 12_345 }, null);
    expect(response.body).toEqual(
      expect.objectContaining({
        paymentToken: expect.stringMatching(/^pt_[0-9a-f]{32}$/),
        amount: 12_345,
        status: 'AUTHORIZED',
        last4: '4242',
      }),
    );
  });

  it('always declines the decline card', async () => {
    const response = await call('POST', '/preauth', { cardNumber: DECLINED_CARD, amount: 100 }, null);
    expect(response).toEqual({ status: 402, body: { error: 'card_declined', message: 'The card was declined.' } });
  });

  it.each([
    [{ cardNumber: '4242', amount: 100 }],
    [{ cardNumber: '4242424242424242', amount: 0 }],
    [{ cardNumber: '4242424242424242', amount: 10.5 }],
    [{ amount: 100 }],
  ])('refuses the malformed pre-authorisation %j', async (body) => {
    expect((await call('POST', '/preauth', body, null)).status).toBe(400);
  });

  it('checks that a token is authorised for at least an amount', async () => {
    const token = await preauth(5000);
    expect((await call('POST', `/payments/${token}/check`, { amount: 5000 })).body.authorized).toBe(true);
    expect((await call('POST', `/payments/${token}/check`, { amount: 5001 })).body.authorized).toBe(false);
  });

  it('captures once: a second capture changes nothing, and a captured payment cannot be cancelled', async () => {
    const token = await preauth(5000);
    expect((await call('POST', `/payments/${token}/capture`, { amount: 4000 })).body).toEqual(
      expect.objectContaining({ status: 'CAPTURED', capturedAmount: 4000 }),
    );
    expect((await call('POST', `/payments/${token}/capture`, {})).body).toEqual(
      expect.objectContaining({ capturedAmount: 4000 }),
    );
    expect((await call('POST', `/payments/${token}/cancel`, {})).status).toBe(409);
    expect((await call('POST', `/payments/${token}/check`, { amount: 1 })).body.authorized).toBe(false);
  });

  it('cancels once: a cancelled authorisation cannot be captured', async () => {
    const token = await preauth(700);
    expect((await call('POST', `/payments/${token}/cancel`, {})).body.status).toBe('CANCELLED');
    expect((await call('POST', `/payments/${token}/cancel`, {})).body.status).toBe('CANCELLED');
    expect((await call('POST', `/payments/${token}/capture`, {})).status).toBe(409);
    expect((await call('GET', `/payments/${token}`)).body.status).toBe('CANCELLED');
  });

  describe('refunds', () => {
    async function captured(amount: number): Promise<string> {
      const token = await preauth(amount);
      expect((await call('POST', `/payments/${token}/capture`, { amount })).status).toBe(200);
      return token;
    }

    it('refunds part of a captured payment, then the rest, and lists the refunds on the payment', async () => {
      const token = await captured(5000);
      const first = await call('POST', `/payments/${token}/refund`, { amount: 1500, refundId: 'rf_1' });
      expect(first).toEqual({
        status: 200,
        body: {
          refund: { refundId: 'rf_1', amount: 1500, createdAt: expect.any(String) },
          payment: expect.objectContaining({ status: 'CAPTURED', capturedAmount: 5000, refundedAmount: 1500 }),
        },
      });
      expect((await call('POST', `/payments/${token}/refund`, { amount: 3500, refundId: 'rf_2' })).status).toBe(200);
      const payment = (await call('GET', `/payments/${token}`)).body;
      expect(payment).toMatchObject({ refundedAmount: 5000 });
      expect((payment.refunds as { refundId: string }[]).map((refund) => refund.refundId)).toEqual(['rf_1', 'rf_2']);
    });

    it('answers the same refundId again with the first refund, and gives nothing more back', async () => {
      const token = await captured(5000);
      const first = await call('POST', `/payments/${token}/refund`, { amount: 2000, refundId: 'rf_again' });
      const again = await call('POST', `/payments/${token}/refund`, { amount: 2000, refundId: 'rf_again' });
      expect(again.body.refund).toEqual(first.body.refund);
      expect((await call('GET', `/payments/${token}`)).body).toMatchObject({
        refundedAmount: 2000,
        refunds: [first.body.refund],
      });
    });

    it('refuses the same refundId with another amount: 409 idempotency_conflict', async () => {
      const token = await captured(5000);
      await call('POST', `/payments/${token}/refund`, { amount: 2000, refundId: 'rf_x' });
      expect(await call('POST', `/payments/${token}/refund`, { amount: 2500, refundId: 'rf_x' })).toEqual({
        status: 409,
        body: { error: 'idempotency_conflict', message: 'Refund rf_x was made for 2000, not 2500.' },
      });
    });

    it('never refunds beyond what was captured: 400 refund_exceeds_captured, naming what is left', async () => {
      const token = await captured(5000);
      await call('POST', `/payments/${token}/refund`, { amount: 4000, refundId: 'rf_most' });
      expect(await call('POST', `/payments/${token}/refund`, { amount: 1001, refundId: 'rf_over' })).toEqual({
        status: 400,
        body: { error: 'refund_exceeds_captured', message: 'Cannot refund 1001: 1000 of the 5000 captured is left to refund.' },
      });
      expect((await call('GET', `/payments/${token}`)).body).toMatchObject({ refundedAmount: 4000 });
    });

    it('refunds only a captured payment: 409 invalid_state for one authorised or cancelled', async () => {
      const authorised = await preauth(5000);
      expect(await call('POST', `/payments/${authorised}/refund`, { amount: 100, refundId: 'rf_a' })).toMatchObject({
        status: 409,
        body: { error: 'invalid_state' },
      });
      await call('POST', `/payments/${authorised}/cancel`, {});
      expect((await call('POST', `/payments/${authorised}/refund`, { amount: 100, refundId: 'rf_b' })).status).toBe(409);
    });

    it.each([
      [{ amount: 0, refundId: 'rf_1' }],
      [{ amount: 10.5, refundId: 'rf_1' }],
      [{ amount: 100 }],
      [{ amount: 100, refundId: 'has space' }],
      [{ amount: 100, refundId: 'x'.repeat(65) }],
    ])('refuses the malformed refund %j', async (body) => {
      const token = await captured(5000);
      expect(await call('POST', `/payments/${token}/refund`, body)).toMatchObject({
        status: 400,
        body: { error: 'invalid_request' },
      });
    });
  });

  it('refuses the backend calls without the secret key', async () => {
    const token = await preauth(100);
    expect((await call('GET', `/payments/${token}`, undefined, null)).status).toBe(401);
    expect((await call('POST', `/payments/${token}/capture`, {}, 'sk_wrong')).status).toBe(401);
    expect((await call('POST', `/payments/${token}/refund`, { amount: 1, refundId: 'rf_1' }, null)).status).toBe(401);
  });

  it('answers an unknown token with 404', async () => {
    expect((await call('GET', '/payments/pt_unknown')).status).toBe(404);
  });
});
