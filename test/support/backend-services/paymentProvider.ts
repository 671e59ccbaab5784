// The payment provider simulator for a test of its own: pre-authorisations made as a shopper's
// app makes them (POST /preauth), and the provider's view of a token as the backend reads it.
import { randomBytes } from 'node:crypto';
import type { PaymentProvider } from '../../../local/payment-provider/provider.ts';
import { type PaymentProviderServer, startPaymentProvider } from '../../../local/payment-provider/server.ts';

export interface TestPaymentProvider {
  readonly url: string;
  readonly secretKey: string;
  /** The simulator itself, to capture or cancel a token as if someone else had. */
  readonly provider: PaymentProvider;
  /** A fresh token authorised for `amount`. */
  preauthorize(amount: number): Promise<string>;
  /** GET /payments/{token}: the provider's status and captured amount. */
  paymentAt(paymentToken: string): Promise<{ status: string; amount: number; capturedAmount: number }>;
  close(): Promise<void>;
}

export async function startTestPaymentProvider(): Promise<TestPaymentProvider> {
  const secretKey = `sk_test_${randomBytes(8).toString('hex')}`;
  const server: PaymentProviderServer = await startPaymentProvider({ secretKey, port: 0 });
  return {
    url: server.url,
    secretKey,
    provider: server.provider,
    async preauthorize(amount) {
      const response = await fetch(`${server.url}/preauth`, {
        method: 'POST',
        body: JSON.stringify({ cardNumber: '4242424242424242', amount }),
      });
      const { paymentToken } = (await response.json()) as { paymentToken: string };
      return paymentToken;
    },
    async paymentAt(paymentToken) {
      const response = await fetch(`${server.url}/payments/${encodeURIComponent(paymentToken)}`, {
        headers: { authorization: `Bearer ${secretKey}` },
      });
      if (response.status !== 200) throw new Error(`GET /payments/${paymentToken} answered ${response.status}.`);
      return (await response.json()) as { status: string; amount: number; capturedAmount: number };
    },
    close: () => server.close(),
  };
}
