// Seeds items into a table without overwriting: an item that exists already (perhaps changed
// since) is left alone, so seeding twice changes nothing.
import { ConditionalCheckFailedException, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

export async function seedItems(
  client: DynamoDBClient,
  tableName: string,
  partitionKey: string,
  items: readonly object[],
): Promise<{ created: number }> {
  let created = 0;
  const put = async (item: object): Promise<void> => {
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: marshall(item, { removeUndefinedValues: true }),
          ConditionExpression: 'attribute_not_exists(#key)',
          ExpressionAttributeNames: { '#key': partitionKey },
        }),
      );
      created += 1;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  };
  // The first write goes alone: a DynamoDB Local just started has once answered concurrent first
  // writes with "Invalid ConditionExpression: Index 0 out of bounds for length 0" (its expression
  // parser warming up under concurrency, as it seems). Then eight at a time.
  const [first, ...rest] = items;
  if (first) await put(first);
  const worker = async (): Promise<void> => {
    for (let item = rest.shift(); item; item = rest.shift()) await put(item);
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { created };
}
