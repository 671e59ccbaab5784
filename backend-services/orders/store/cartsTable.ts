// Reading a cart's lines (the carts table's layout: domain/cart.ts; the header row is skipped).
// Consistent, so that a line just added is ordered.
import { type DynamoDBClient, QueryCommand, type QueryCommandOutput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isCartLine } from '../../../domain/cart.ts';
import type { LineItem } from '../domain/lineItems.ts';

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
      const row = unmarshall(item) as { productId: string; quantity?: unknown };
      if (isCartLine(row)) lines.push({ productId: row.productId, quantity: row.quantity });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return lines;
}
