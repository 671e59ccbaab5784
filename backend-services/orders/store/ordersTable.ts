// Reading an order (the orders table, key orderId). Consistent: an order just written by an
// earlier attempt of the same request is found.
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { OrderItem } from '../../../domain/order.ts';

export async function getOrder(client: DynamoDBClient, table: string, orderId: string): Promise<OrderItem | undefined> {
  const { Item } = await client.send(new GetItemCommand({ TableName: table, Key: marshall({ orderId }), ConsistentRead: true }));
  // The table holds nothing but orders, written by this service and changed by the status resolvers.
  return Item ? (unmarshall(Item) as OrderItem) : undefined;
}
