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
  const queue = [...items];
  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item; item = queue.shift()) {
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
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { created };
}
