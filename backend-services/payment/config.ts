// The payment service's environment, read once when a handler loads. Every function of the
// service gets the same variables, so each is required here.
import { optionalEnv, requireEnv } from '../platform/env.ts';

export const config = {
  region: requireEnv('AWS_REGION'),
  /** Physical name of the payments table. */
  paymentsTable: requireEnv('PAYMENTS_TABLE'),
  /** Physical name of the refund-idempotency table: what each refund's idempotency key was first used for. */
  refundIdempotencyTable: requireEnv('REFUND_IDEMPOTENCY_TABLE'),
  eventBusName: requireEnv('EVENT_BUS_NAME'),
  /** The payment provider's base URL, e.g. https://api.provider.example. */
  paymentProviderUrl: requireEnv('PAYMENT_PROVIDER_URL').replace(/\/+$/, ''),
  /** Sent as `authorization: Bearer <key>`; never logged. */
  paymentProviderSecretKey: requireEnv('PAYMENT_PROVIDER_SECRET_KEY'),
  /** Local only: DynamoDB Local and the local event bus. */
  dynamodbEndpoint: optionalEnv('DYNAMODB_ENDPOINT'),
  eventBusEndpoint: optionalEnv('EVENT_BUS_ENDPOINT'),
} as const;
