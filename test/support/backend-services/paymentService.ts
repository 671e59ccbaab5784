// The payment service over a payments table of the test's own, a provider (card and gateway) and a
// local Secrets Manager holding its keys: the environment set as the stack sets it, then its
// modules loaded afresh (their config is read at load, as on Lambda). `startPaymentService` also
// serves its routes on a REST API with IAM auth (the gateway's callback without, as declared).
import { vi } from 'vitest';
import type { RunningRestApi } from 'appsync-local/apigateway/index.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import { LOCAL_ACCOUNT_ID, type LocalIam } from 'appsync-local/iam/principals.ts';
import { createSecretsManager, type LocalSecretsManager } from 'appsync-local/secretsmanager/index.ts';
import { formatPaymentSecret } from '../../../backend-services/payment/domain/paymentSecret.ts';
import { invokerRole, startServiceApi, useRoleCredentials } from './restApis.ts';
import type { TestTable } from './testTables.ts';

export const PAYMENT_SECRET_NAME = 'commerce/payment';

export interface PaymentEnvironment {
  readonly payments: TestTable;
  /** Only the refund route uses it; without it the variable names a table that is not there. */
  readonly refundIdempotency?: TestTable;
  readonly providerUrl: string;
  readonly secretKey: string;
  /** The gateway (by default: the provider's URL, app 2553, keys that sign nothing). */
  readonly gateway?: {
    readonly url?: string;
    readonly appId?: number;
    readonly key1: string;
    readonly key2: string;
    readonly callbackUrl?: string;
    readonly paymentTtlSeconds?: number;
    readonly sweepGraceSeconds?: number;
  };
  readonly eventBusName?: string;
  readonly eventBusEndpoint?: string;
  /** Whose roles may sign calls to the local Secrets Manager, beside DynamoDB Local's test keys. */
  readonly iam?: LocalIam;
}

export interface PaymentSecretsServer {
  readonly secrets: LocalSecretsManager;
  readonly url: string;
  close(): Promise<void>;
}

let running: PaymentSecretsServer | undefined;

/**
 * Sets the payment service's environment, its keys served by a local Secrets Manager (one per
 * test file, replaced on each call). Any caller's keys are accepted: the test's role is not the subject.
 */
export async function usePaymentEnvironment(environment: PaymentEnvironment): Promise<PaymentSecretsServer> {
  await running?.close();
  const gateway = environment.gateway ?? { key1: 'key1-unused', key2: 'key2-unused' };
  const secrets = createSecretsManager({
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT_ID,
    secrets: [
      {
        name: PAYMENT_SECRET_NAME,
        secretString: formatPaymentSecret({
          providerSecretKey: environment.secretKey,
          gatewayKey1: gateway.key1,
          gatewayKey2: gateway.key2,
        }),
      },
    ],
    principals: (accessKeyId) =>
      accessKeyId === LOCAL_CREDENTIALS.accessKeyId
        ? {
            ...LOCAL_CREDENTIALS,
            accountId: LOCAL_ACCOUNT_ID,
            userArn: `arn:aws:sts::${LOCAL_ACCOUNT_ID}:assumed-role/payment-tests/local`,
            username: 'payment-tests',
          }
        : environment.iam?.principals(accessKeyId),
  });
  const server = await secrets.listen(0);
  running = { secrets, url: server.url, close: () => server.close() };
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
    PAYMENT_SECRET_ID: secrets.arnOf(PAYMENT_SECRET_NAME),
    SECRETS_MANAGER_ENDPOINT: server.url,
    GATEWAY_URL: gateway.url ?? environment.providerUrl,
    GATEWAY_APP_ID: String(gateway.appId ?? 2553),
    GATEWAY_CALLBACK_URL: gateway.callbackUrl ?? 'http://127.0.0.1:9/prod/payments/callback',
    GATEWAY_PAYMENT_TTL_SECONDS: String(gateway.paymentTtlSeconds ?? 900),
    GATEWAY_SWEEP_GRACE_SECONDS: String(gateway.sweepGraceSeconds ?? 60),
  });
  if (environment.eventBusEndpoint) process.env.EVENT_BUS_ENDPOINT = environment.eventBusEndpoint;
  vi.resetModules();
  return running;
}

/** `port`: where to serve it (0: any), for a test that must name its callback URL first. */
export async function startPaymentService(iam: LocalIam, environment: PaymentEnvironment, port = 0): Promise<RunningRestApi> {
  await usePaymentEnvironment({ ...environment, iam });
  useRoleCredentials(invokerRole(iam, 'backend-services'));
  const [authorize, voidPayment, batchGet, refund, gateway, callback] = await Promise.all([
    import('../../../backend-services/payment/handlers/authorize.ts'),
    import('../../../backend-services/payment/handlers/voidPayment.ts'),
    import('../../../backend-services/payment/handlers/batchGetPayments.ts'),
    import('../../../backend-services/payment/handlers/refund.ts'),
    import('../../../backend-services/payment/handlers/startGatewayPayment.ts'),
    import('../../../backend-services/payment/handlers/gatewayCallback.ts'),
  ]);
  return startServiceApi(
    iam,
    'payment',
    [
      { method: 'POST', path: '/payments/authorize', handler: authorize.handler },
      { method: 'POST', path: '/payments/void', handler: voidPayment.handler },
      { method: 'POST', path: '/payments/batch-get', handler: batchGet.handler },
      { method: 'POST', path: '/payments/refund', handler: refund.handler },
      { method: 'POST', path: '/payments/gateway', handler: gateway.handler },
      { method: 'POST', path: '/payments/callback', handler: callback.handler, authorization: 'NONE' },
    ],
    port,
  );
}
