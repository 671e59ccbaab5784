// The one DynamoDB client of the service (local: DynamoDB Local), shared by its tables and its
// idempotency records.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { config } from '../config.ts';

export const dynamodb = new DynamoDBClient({ region: config.region, ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}) });

/** The tables checkout reads and writes (physical names). */
export interface CheckoutTables {
  readonly orders: string;
  readonly products: string;
  readonly carts: string;
}

export const checkoutTables: CheckoutTables = { orders: config.ordersTable, products: config.productsTable, carts: config.cartsTable };
