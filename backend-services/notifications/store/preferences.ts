// A customer's notification preferences, as the API's updateNotificationPreferences writes them
// (resolvers/Mutation.updateNotificationPreferences.ts): one item per user. No item is the
// default: status emails on.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DEFAULT_NOTIFICATION_PREFERENCES, type NotificationPreferences } from '../../../domain/notificationPreferences.ts';
import { dynamoDbClient } from '../../platform/awsClients.ts';
import { config } from '../config.ts';

const client = dynamoDbClient({ region: config.region, endpoint: config.dynamodbEndpoint });

export async function preferencesOf(userId: string): Promise<NotificationPreferences> {
  const { Item } = await client.send(
    new GetItemCommand({ TableName: config.preferencesTable, Key: marshall({ userId }), ConsistentRead: true }),
  );
  if (!Item) return DEFAULT_NOTIFICATION_PREFERENCES;
  const { orderUpdates } = unmarshall(Item) as { orderUpdates?: unknown };
  return { orderUpdates: typeof orderUpdates === 'boolean' ? orderUpdates : DEFAULT_NOTIFICATION_PREFERENCES.orderUpdates };
}
