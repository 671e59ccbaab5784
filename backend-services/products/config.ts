// The products service's environment, read once when a handler loads. Every function of the
// service gets the same variables (the tables' and the bus's), so each is required here.
import { optionalEnv, requireEnv } from '../platform/env.ts';

export const config = {
  region: requireEnv('AWS_REGION'),
  /** Physical name of the products table. */
  productsTable: requireEnv('PRODUCTS_TABLE'),
  /** Physical name of the stock-returns ledger (orders whose stock went back, once each). */
  stockReturnsTable: requireEnv('STOCK_RETURNS_TABLE'),
  /** Physical name of the stock ledger (one movement per change of a product's stock). */
  stockMovementsTable: requireEnv('STOCK_MOVEMENTS_TABLE'),
  /** Physical name of adjustStock's idempotency keys. */
  stockAdjustmentsTable: requireEnv('STOCK_ADJUSTMENTS_TABLE'),
  eventBusName: requireEnv('EVENT_BUS_NAME'),
  /** Local only: DynamoDB Local and the local event bus. */
  dynamodbEndpoint: optionalEnv('DYNAMODB_ENDPOINT'),
  eventBusEndpoint: optionalEnv('EVENT_BUS_ENDPOINT'),
} as const;
