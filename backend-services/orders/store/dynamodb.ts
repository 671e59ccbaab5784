// The one DynamoDB client of the service (local: DynamoDB Local), shared by its tables and its
// idempotency records.
import { dynamoDbClient } from '../../platform/awsClients.ts';
import { config } from '../config.ts';

export const dynamodb = dynamoDbClient({ region: config.region, endpoint: config.dynamodbEndpoint });

/** The tables checkout reads and writes (physical names). */
export interface CheckoutTables {
  readonly orders: string;
  readonly products: string;
  readonly carts: string;
  readonly stockMovements: string;
}

export const checkoutTables: CheckoutTables = {
  orders: config.ordersTable,
  products: config.productsTable,
  carts: config.cartsTable,
  stockMovements: config.stockMovementsTable,
};
