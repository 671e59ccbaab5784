import { describe, expect, it } from 'vitest';
import {
  itRequiresEach,
  loadConfigAsOnAws,
  restoreEnvironmentAfterEach,
} from '../../../support/backend-services/serviceConfig.ts';

const REQUIRED = {
  AWS_REGION: 'us-east-1',
  ORDERS_TABLE: 'orders-abc',
  IDEMPOTENCY_TABLE: 'idempotency-abc',
  PRODUCTS_TABLE: 'products-abc',
  CARTS_TABLE: 'carts-abc',
  STOCK_MOVEMENTS_TABLE: 'stock-movements-abc',
  PRODUCTS_API_URL: 'https://products.example.com/prod/',
  DELIVERY_PRICING_API_URL: 'https://pricing.example.com/prod',
  PAYMENT_API_URL: 'https://payment.example.com/prod//',
  EVENT_BUS_NAME: 'commerce',
};
/** Set with the grant to publish; optional, so that a missing topic never stops a checkout. */
const ALERTS = { ORDER_ERRORS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:commerce-order-errors' };
const load = () => import('../../../../backend-services/orders/config.ts');

describe('orders config', () => {
  restoreEnvironmentAfterEach();
  itRequiresEach(REQUIRED, load);

  it("drops trailing slashes from the services' URLs and leaves the local endpoints out when they are not set", async () => {
    expect(await loadConfigAsOnAws(load, { ...REQUIRED, ...ALERTS })).toEqual({
      region: 'us-east-1',
      ordersTable: 'orders-abc',
      idempotencyTable: 'idempotency-abc',
      productsTable: 'products-abc',
      cartsTable: 'carts-abc',
      stockMovementsTable: 'stock-movements-abc',
      productsApiUrl: 'https://products.example.com/prod',
      deliveryPricingApiUrl: 'https://pricing.example.com/prod',
      paymentApiUrl: 'https://payment.example.com/prod',
      eventBusName: 'commerce',
      dynamodbEndpoint: undefined,
      eventBusEndpoint: undefined,
      alerts: {
        region: 'us-east-1',
        snsEndpoint: undefined,
        topicArns: { 'order-errors': 'arn:aws:sns:us-east-1:123456789012:commerce-order-errors' },
      },
    });
  });
});
