import { describe, expect, it } from 'vitest';
import {
  itRequiresEach,
  loadConfigAsOnAws,
  restoreEnvironmentAfterEach,
} from '../../../support/backend-services/serviceConfig.ts';

const REQUIRED = {
  AWS_REGION: 'us-east-1',
  PAYMENTS_TABLE: 'payments-abc',
  REFUND_IDEMPOTENCY_TABLE: 'refund-idempotency-abc',
  EVENT_BUS_NAME: 'commerce',
  PAYMENT_PROVIDER_URL: 'https://provider.example/',
  PAYMENT_SECRET_ID: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:payment-AbCdEf',
  GATEWAY_URL: 'https://sb-openapi.zalopay.vn/',
  GATEWAY_APP_ID: '2553',
  GATEWAY_CALLBACK_URL: 'https://abc.execute-api.us-east-1.amazonaws.com/prod/payments/callback',
  GATEWAY_PAYMENT_TTL_SECONDS: '900',
  GATEWAY_SWEEP_GRACE_SECONDS: '120',
};
const load = () => import('../../../../backend-services/payment/config.ts');

describe('payment config', () => {
  restoreEnvironmentAfterEach();
  itRequiresEach(REQUIRED, load);

  it('drops trailing slashes from URLs, reads numbers, and leaves the local endpoints out when they are not set, as on AWS', async () => {
    expect(await loadConfigAsOnAws(load, REQUIRED)).toEqual({
      region: 'us-east-1',
      paymentsTable: 'payments-abc',
      refundIdempotencyTable: 'refund-idempotency-abc',
      eventBusName: 'commerce',
      paymentProviderUrl: 'https://provider.example',
      paymentSecretId: REQUIRED.PAYMENT_SECRET_ID,
      gateway: {
        url: 'https://sb-openapi.zalopay.vn',
        appId: 2553,
        callbackUrl: REQUIRED.GATEWAY_CALLBACK_URL,
        redirectUrl: undefined,
        paymentTtlSeconds: 900,
        sweepGraceSeconds: 120,
      },
      dynamodbEndpoint: undefined,
      eventBusEndpoint: undefined,
      secretsManagerEndpoint: undefined,
    });
  });

  it.each(['0', '-5', '1.5', 'ten'])('refuses GATEWAY_APP_ID %s, naming it', async (value) => {
    await expect(loadConfigAsOnAws(load, { ...REQUIRED, GATEWAY_APP_ID: value })).rejects.toThrow(
      /GATEWAY_APP_ID must be a positive whole number/,
    );
  });
});
