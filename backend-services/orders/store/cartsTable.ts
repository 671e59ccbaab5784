// Reading a cart (the carts table: key userId + productId; one row per line plus the header row
// '#cart', which is skipped). Consistent, so that a line just added is ordered.
import { type DynamoDBClient, QueryCommand, type QueryCommandOutput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { LineItem } from '../domain/lineItems.ts';

/** The sort key of a cart's header row (see resolvers/lib/cart.ts). */
export const CART_HEADER_ID = '#cart';

export async function readCartLines(client: DynamoDBClient, table: string, userId: string): Promise<LineItem[]> {
  const lines: LineItem[] = [];
  let startKey: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page: QueryCommandOutput = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'userId = :userId',
        ExpressionAttributeValues: { ':userId': { S: userId } },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const { productId, quantity } = unmarshall(item) as { productId: string; quantity?: unknown };
      if (productId !== CART_HEADER_ID && typeof quantity === 'number') lines.push({ productId, quantity });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return lines;
}
