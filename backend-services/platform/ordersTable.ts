// An order as the orders table holds it (domain/order.ts OrderItem), read by the services that act
// on orders they do not own (invoices, notifications). Consistent: the event that sent them here
// follows the order's own writes.
import { type DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { OrderItem } from '../../domain/order.ts';

export async function readOrder(client: DynamoDBClient, tableName: string, orderId: string): Promise<OrderItem | undefined> {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: tableName, Key: marshall({ orderId }), ConsistentRead: true }),
  );
  return Item ? (unmarshall(Item) as OrderItem) : undefined;
}
