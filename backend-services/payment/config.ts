// The payment service's environment, read once when a handler loads. Every function of the
// service gets the same variables, so each is required here. No key is among them: the provider's
// secret key and the gateway's keys are read from Secrets Manager at run time (secrets.ts).
import { optionalEnv, requireEnv } from '../platform/env.ts';

export const config = {
  region: requireEnv('AWS_REGION'),
  /** Physical name of the payments table. */
  paymentsTable: requireEnv('PAYMENTS_TABLE'),
  /** Physical name of the refund-idempotency table: what each refund's idempotency key was first used for. */
  refundIdempotencyTable: requireEnv('REFUND_IDEMPOTENCY_TABLE'),
  eventBusName: requireEnv('EVENT_BUS_NAME'),
  /** The card payment provider's base URL, e.g. https://api.provider.example. */
  paymentProviderUrl: requireEnv('PAYMENT_PROVIDER_URL').replace(/\/+$/, ''),
  /** The secret (name or ARN) holding the keys: JSON `{ providerSecretKey, gatewayKey1, gatewayKey2 }`. */
  paymentSecretId: requireEnv('PAYMENT_SECRET_ID'),
  gateway: {
    /** The gateway's API (Zalo Pay v2), e.g. https://sb-openapi.zalopay.vn for its sandbox. */
    url: requireEnv('GATEWAY_URL').replace(/\/+$/, ''),
    /** The merchant's app id at the gateway. */
    appId: positiveInteger('GATEWAY_APP_ID'),
    /** Where the gateway calls back: this service's public POST /payments/callback. */
    callbackUrl: requireEnv('GATEWAY_CALLBACK_URL'),
    /** Where the gateway's page sends the shopper back afterwards (the storefront); none: the gateway's default. */
    redirectUrl: optionalEnv('GATEWAY_REDIRECT_URL'),
    /** How long the shopper has to pay (the gateway's expire_duration_seconds). */
    paymentTtlSeconds: positiveInteger('GATEWAY_PAYMENT_TTL_SECONDS'),
    /** How long a payment stays PENDING before the sweep asks the gateway about it. */
    sweepGraceSeconds: positiveInteger('GATEWAY_SWEEP_GRACE_SECONDS'),
  },
  /** Local only: DynamoDB Local, the local event bus and the local Secrets Manager. */
  dynamodbEndpoint: optionalEnv('DYNAMODB_ENDPOINT'),
  eventBusEndpoint: optionalEnv('EVENT_BUS_ENDPOINT'),
  secretsManagerEndpoint: optionalEnv('SECRETS_MANAGER_ENDPOINT'),
} as const;

function positiveInteger(name: string): number {
  const text = requireEnv(name);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`Environment variable ${name} must be a positive whole number; it is "${text}".`);
  return value;
}
