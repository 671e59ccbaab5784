// The order an invoice is for, read from the orders table as the orders service writes it.
import type { OrderItem } from '../../../domain/order.ts';
import { dynamoDbClient } from '../../platform/awsClients.ts';
import { readOrder } from '../../platform/ordersTable.ts';
import { config } from '../config.ts';

const client = dynamoDbClient({ region: config.region, endpoint: config.dynamodbEndpoint });

export function findOrder(orderId: string): Promise<OrderItem | undefined> {
  return readOrder(client, config.ordersTable, orderId);
}
