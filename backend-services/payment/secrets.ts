// The payment service's keys, read from Secrets Manager at run time (config.paymentSecretId), never
// placed in the environment (domain/paymentSecret.ts: the secret's shape).
import { secretSource } from '../platform/secrets.ts';
import { config } from './config.ts';
import { parsePaymentSecret, type PaymentSecrets } from './domain/paymentSecret.ts';

export type { PaymentSecrets };

export const paymentSecrets = secretSource<PaymentSecrets>({
  region: config.region,
  endpoint: config.secretsManagerEndpoint,
  secretId: config.paymentSecretId,
  parse: parsePaymentSecret,
});
