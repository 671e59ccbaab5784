import { describe, expect, it } from 'vitest';
import { formatPaymentSecret, parsePaymentSecret } from '../../../../../backend-services/payment/domain/paymentSecret.ts';

const SECRETS = { providerSecretKey: 'sk_live_1', gatewayKey1: 'k1-secret', gatewayKey2: 'k2-secret' };

describe('the payment secret', () => {
  it('reads back what is written', () => {
    expect(parsePaymentSecret(formatPaymentSecret(SECRETS))).toEqual(SECRETS);
  });

  it('refuses a secret that is not JSON, naming the shape', () => {
    expect(() => parsePaymentSecret('sk_live_1')).toThrow(
      /not JSON: expected \{"providerSecretKey", "gatewayKey1", "gatewayKey2"\}/,
    );
  });

  it('names each missing or blank key, and never a value', () => {
    const attempt = () => parsePaymentSecret(JSON.stringify({ providerSecretKey: 'sk_live_1', gatewayKey1: '' }));
    expect(attempt).toThrow('The payment secret lacks gatewayKey1, gatewayKey2 (each a non-empty string).');
    expect(attempt).not.toThrow(/sk_live_1/);
  });
});
