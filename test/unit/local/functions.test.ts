import { LocalIam } from 'appsync-local/iam/principals.ts';
import { defaultRestApiId } from 'appsync-local/apigateway/definition.ts';
import { describe, expect, it } from 'vitest';
import { createServiceFunctions, type ServiceFunctionsOptions } from '../../../local/functions.ts';
import { handler } from '../../../system/handlers.ts';
import { FIXTURE_DECLARATION } from '../../fixtures/fixtureDeclaration.ts';

const iam = new LocalIam();
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:commerce/payment-AbCdEf';
const options: ServiceFunctionsOptions = {
  declaration: FIXTURE_DECLARATION,
  iam,
  region: 'us-east-1',
  dynamodbEndpoint: 'http://dynamodb.test',
  eventBus: { name: 'commerce', endpoint: 'http://bus.test' },
  payments: {
    providerUrl: 'http://provider.test',
    secretArn: SECRET_ARN,
    secretsManagerEndpoint: 'http://secrets.test',
    gateway: {
      url: 'http://gateway.test',
      appId: 2553,
      callbackUrl: 'http://payment.test/prod/payments/callback',
      paymentTtlSeconds: 900,
      sweepGraceSeconds: 60,
    },
  },
  serviceUrls: Object.fromEntries(FIXTURE_DECLARATION.services.map((s) => [s.name, `http://${s.name}.test/prod`])),
  s3: {
    endpoint: 'http://s3.test',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    buckets: { invoices: 'commerce-invoices' },
  },
  invoicing: { sellerName: 'Seller', sellerAddress: 'Street\nTown', sellerVatId: 'VAT1', currency: 'EUR', urlTtlSeconds: '300' },
  mail: {
    from: 'Shop <orders@shop.test>',
    shopName: 'Shop',
    shopUrl: 'http://shop.test',
    currency: 'EUR',
    smtp: { host: '127.0.0.1', port: 2525 },
  },
  alerts: {
    endpoint: 'http://sns.test',
    topicArns: {
      'order-alerts': 'arn:aws:sns:us-east-1:000000000000:order-alerts',
      'order-errors': 'arn:aws:sns:us-east-1:000000000000:order-errors',
      'critical-alerts': 'arn:aws:sns:us-east-1:000000000000:critical-alerts',
    },
  },
};
const functions = createServiceFunctions(options);
const invokeArn = (service: string, route: string) =>
  `arn:aws:execute-api:us-east-1:000000000000:${defaultRestApiId(service)}/prod/${route}`;
const BUS_ARN = 'arn:aws:events:us-east-1:000000000000:event-bus/commerce';

describe('createServiceFunctions', () => {
  it('gives each service only the variables its declared resources name, as the CDK app sets them', () => {
    const pricing = functions.environmentOf('delivery-pricing');
    expect(pricing.PRODUCTS_API_URL).toBe('http://products.test/prod');
    expect(pricing).not.toHaveProperty('ORDERS_TABLE');
    expect(pricing).not.toHaveProperty('PAYMENT_SECRET_ID');
    expect(pricing).not.toHaveProperty('EVENT_BUS_NAME');

    const orders = functions.environmentOf('orders');
    expect(orders).toMatchObject({
      ORDERS_TABLE: 'orders',
      CARTS_TABLE: 'carts',
      PAYMENT_API_URL: 'http://payment.test/prod',
      EVENT_BUS_NAME: 'commerce',
    });
    expect(orders).not.toHaveProperty('PAYMENTS_TABLE');
    expect(orders).not.toHaveProperty('PAYMENT_SECRET_ID');

    const payment = functions.environmentOf('payment');
    expect(payment).toMatchObject({
      PAYMENTS_TABLE: 'payments',
      REFUND_IDEMPOTENCY_TABLE: 'refund-idempotency',
      PAYMENT_PROVIDER_URL: 'http://provider.test',
      PAYMENT_SECRET_ID: SECRET_ARN,
      SECRETS_MANAGER_ENDPOINT: 'http://secrets.test',
      GATEWAY_URL: 'http://gateway.test',
      GATEWAY_APP_ID: '2553',
      GATEWAY_CALLBACK_URL: 'http://payment.test/prod/payments/callback',
      GATEWAY_PAYMENT_TTL_SECONDS: '900',
      GATEWAY_SWEEP_GRACE_SECONDS: '60',
    });
    // The keys are read from the secret at run time: none is in any environment.
    expect(
      Object.keys(payment).filter(
        (name) =>
          /KEY|SECRET/.test(name) &&
          !['PAYMENT_SECRET_ID', 'SECRETS_MANAGER_ENDPOINT'].includes(name) &&
          !name.startsWith('AWS_'),
      ),
    ).toEqual([]);
  });

  it('lets only the payment service read its secret', () => {
    expect(iam.isAllowed(functions.roleOf('payment'), 'secretsmanager:GetSecretValue', SECRET_ARN)).toBe(true);
    expect(iam.isAllowed(functions.roleOf('orders'), 'secretsmanager:GetSecretValue', SECRET_ARN)).toBe(false);
  });

  it('signs each service with a role of its own, allowed to invoke only the services it calls', () => {
    const pricing = functions.roleOf('delivery-pricing');
    expect(iam.isAllowed(pricing, 'execute-api:Invoke', invokeArn('products', 'POST/products/batch-get'))).toBe(true);
    expect(iam.isAllowed(pricing, 'execute-api:Invoke', invokeArn('products', 'POST/anything'))).toBe(false);
    expect(iam.isAllowed(pricing, 'execute-api:Invoke', invokeArn('orders', 'POST/checkout'))).toBe(false);
    expect(iam.isAllowed(pricing, 'events:PutEvents', BUS_ARN, { 'events:source': 'ecommerce.delivery-pricing' })).toBe(false);
    expect(functions.environmentOf('delivery-pricing').AWS_ACCESS_KEY_ID).toBe(pricing.accessKeyId);

    const orders = functions.roleOf('orders');
    expect(iam.isAllowed(orders, 'execute-api:Invoke', invokeArn('payment', 'POST/payments/authorize'))).toBe(true);
    expect(iam.isAllowed(orders, 'events:PutEvents', BUS_ARN, { 'events:source': 'ecommerce.orders' })).toBe(true);
    expect(iam.isAllowed(orders, 'events:PutEvents', BUS_ARN, { 'events:source': 'ecommerce.payment' })).toBe(false);
    expect(orders.accessKeyId).not.toBe(pricing.accessKeyId);
  });

  it("loads and invokes a handler in its service's environment, and leaves the process's alone", async () => {
    const probe = await functions.load<
      () => Promise<{ atLoad: Record<string, string | undefined>; atCall: Record<string, string | undefined> }>
    >(handler('test/fixtures/environmentProbe.ts'));
    const seen = await probe();
    for (const variables of [seen.atLoad, seen.atCall]) {
      expect(variables).toMatchObject({
        FIXTURE_NOTES_TABLE: 'fixture-notes',
        EVENT_BUS_NAME: 'commerce',
        EVENT_BUS_ENDPOINT: 'http://bus.test',
      });
      expect(variables).not.toHaveProperty('ORDERS_TABLE');
      expect(variables.PATH).toBe(process.env.PATH);
    }
    expect(process.env).not.toHaveProperty('FIXTURE_NOTES_TABLE');
    expect(process.env).not.toHaveProperty('EVENT_BUS_NAME');
  });

  it("keeps a service's variables set in the process (a developer's shell) out of every function", () => {
    process.env.ORDERS_TABLE = 'from-the-shell';
    try {
      const fresh = createServiceFunctions({ ...options, iam: new LocalIam() });
      expect(fresh.environmentOf('delivery-pricing')).not.toHaveProperty('ORDERS_TABLE');
      expect(fresh.environmentOf('orders').ORDERS_TABLE).toBe('orders');
    } finally {
      delete process.env.ORDERS_TABLE;
    }
  });
});
