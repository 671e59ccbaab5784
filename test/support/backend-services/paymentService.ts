// The payment service over a payments table of the test's own and a provider: the environment
// set as the stack sets it, then its modules loaded afresh (their config is read at load, as on
// Lambda). `startPaymentService` also serves its routes on a REST API with IAM auth.
import { vi } from 'vitest';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import type { LocalIam } from 'appsync-local/iam/principals.ts';
import { invokerRole, startServiceApi, useRoleCredentials } from './restApis.ts';
import type { TestTable } from './testTables.ts';

export interface PaymentEnvironment {
  readonly payments: TestTable;
  /** Only the refund route uses it; without it the variable names a table that is not there. */
  readonly refundIdempotency?: TestTable;
  readonly providerUrl: string;
  readonly secretKey: string;
  readonly eventBusName?: string;
  readonly eventBusEndpoint?: string;
}

export function usePaymentEnvironment(environment: PaymentEnvironment): void {
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    // Lambda gives every function its role's keys; DynamoDB Local takes any.
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    PAYMENTS_TABLE: environment.payments.tableName,
    REFUND_IDEMPOTENCY_TABLE: environment.refundIdempotency?.tableName ?? 'refund-idempotency-not-created',
    DYNAMODB_ENDPOINT: environment.payments.dynamodbEndpoint,
    EVENT_BUS_NAME: environment.eventBusName ?? 'commerce-tests',
    PAYMENT_PROVIDER_URL: environment.providerUrl,
    PAYMENT_PROVIDER_SECRET_KEY: environment.secretKey,
  });
  if (environment.eventBusEndpoint) process.env.EVENT_BUS_ENDPOINT = environment.eventBusEndpoint;
  vi.resetModules();
}

export async function startPaymentService(iam: LocalIam, environment: PaymentEnvironment): Promise<RunningRestApi> {
  usePaymentEnvironment(environment);
  useRoleCredentials(invokerRole(iam, 'backend-services'));
  const [authorize, voidPayment, batchGet, refund] = await Promise.all([
    import('../../../backend-services/payment/handlers/authorize.ts'),
    import('../../../backend-services/payment/handlers/voidPayment.ts'),
    import('../../../backend-services/payment/handlers/batchGetPayments.ts'),
    import('../../../backend-services/payment/handlers/refund.ts'),
  ]);
  return startServiceApi(iam, 'payment', [
    { method: 'POST', path: '/payments/authorize', handler: authorize.handler },
    { method: 'POST', path: '/payments/void', handler: voidPayment.handler },
    { method: 'POST', path: '/payments/batch-get', handler: batchGet.handler },
    { method: 'POST', path: '/payments/refund', handler: refund.handler },
  ]);
}
