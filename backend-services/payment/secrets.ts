// The payment service's keys, read from Secrets Manager at run time (config.paymentSecretId), never
// placed in the environment: the card provider's secret key and the gateway's two keys (Zalo Pay's
// key1 signs our requests, key2 signs its callbacks).
import { secretSource } from '../platform/secrets.ts';
import { config } from './config.ts';

export interface PaymentSecrets {
  readonly providerSecretKey: string;
  readonly gatewayKey1: string;
  readonly gatewayKey2: string;
}

export const paymentSecrets = secretSource<PaymentSecrets>({
  region: config.region,
  endpoint: config.secretsManagerEndpoint,
  secretId: config.paymentSecretId,
  parse: parsePaymentSecrets,
});

export function parsePaymentSecrets(secretString: string): PaymentSecrets {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString);
  } catch {
    throw new Error('The payment secret is not JSON: expected {"providerSecretKey", "gatewayKey1", "gatewayKey2"}.');
  }
  const fields = ['providerSecretKey', 'gatewayKey1', 'gatewayKey2'] as const;
  const missing = fields.filter(
    (field) =>
      typeof (parsed as Record<string, unknown> | null)?.[field] !== 'string' ||
      ((parsed as Record<string, string>)[field] ?? '') === '',
  );
  if (missing.length > 0) throw new Error(`The payment secret lacks ${missing.join(', ')} (each a non-empty string).`);
  const { providerSecretKey, gatewayKey1, gatewayKey2 } = parsed as PaymentSecrets;
  return { providerSecretKey, gatewayKey1, gatewayKey2 };
}
