// The order an invoice is for, read from the orders table as the orders service writes it
// (domain/order.ts OrderItem). Consistent: the order's own payment event follows its writes.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { OrderItem } from '../../../domain/order.ts';
import { dynamoDbClient } from '../../platform/awsClients.ts';
import { config } from '../config.ts';

const client = dynamoDbClient({ region: config.region, endpoint: config.dynamodbEndpoint });

export async function findOrder(orderId: string): Promise<OrderItem | undefined> {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: config.ordersTable, Key: marshall({ orderId }), ConsistentRead: true }),
  );
  return Item ? (unmarshall(Item) as OrderItem) : undefined;
}
