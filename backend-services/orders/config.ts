// The orders service's environment, read once when a handler loads. Every function of the
// service gets the same variables, so each is required here.
import { optionalEnv, requireEnv } from '../platform/env.ts';

const baseUrl = (name: string) => requireEnv(name).replace(/\/+$/, '');

export const config = {
  region: requireEnv('AWS_REGION'),
  /** Physical table names. Orders and idempotency are this service's; products, carts and the stock ledger it writes in its checkout transaction. */
  ordersTable: requireEnv('ORDERS_TABLE'),
  idempotencyTable: requireEnv('IDEMPOTENCY_TABLE'),
  productsTable: requireEnv('PRODUCTS_TABLE'),
  cartsTable: requireEnv('CARTS_TABLE'),
  /** The stock ledger: each line's ORDER_PLACED movement is written in the order's transaction. */
  stockMovementsTable: requireEnv('STOCK_MOVEMENTS_TABLE'),
  /** The other services' base URLs, stage included: https://…/prod. */
  productsApiUrl: baseUrl('PRODUCTS_API_URL'),
  deliveryPricingApiUrl: baseUrl('DELIVERY_PRICING_API_URL'),
  paymentApiUrl: baseUrl('PAYMENT_API_URL'),
  eventBusName: requireEnv('EVENT_BUS_NAME'),
  /** Local only: DynamoDB Local and the local event bus. */
  dynamodbEndpoint: optionalEnv('DYNAMODB_ENDPOINT'),
  eventBusEndpoint: optionalEnv('EVENT_BUS_ENDPOINT'),
  /** The team's alert topics it publishes to, and locally the local SNS (platform/alerts.ts). */
  alerts: {
    region: requireEnv('AWS_REGION'),
    snsEndpoint: optionalEnv('SNS_ENDPOINT'),
    topicArns: { 'order-errors': optionalEnv('ORDER_ERRORS_TOPIC_ARN') },
  },
} as const;
