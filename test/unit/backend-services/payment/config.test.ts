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
  PAYMENT_PROVIDER_SECRET_KEY: 'sk_live_x',
};
const load = () => import('../../../../backend-services/payment/config.ts');

describe('payment config', () => {
  restoreEnvironmentAfterEach();
  itRequiresEach(REQUIRED, load);

  it('drops a trailing slash from the provider URL and leaves the local endpoints out when they are not set, as on AWS', async () => {
    expect(await loadConfigAsOnAws(load, REQUIRED)).toEqual({
      region: 'us-east-1',
      paymentsTable: 'payments-abc',
      refundIdempotencyTable: 'refund-idempotency-abc',
      eventBusName: 'commerce',
      paymentProviderUrl: 'https://provider.example',
      paymentProviderSecretKey: 'sk_live_x',
      dynamodbEndpoint: undefined,
      eventBusEndpoint: undefined,
    });
  });
});
