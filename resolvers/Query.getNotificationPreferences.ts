// The caller's notification preferences: their item in the preferences table, or the defaults
// when they have never changed them (the notifications service reads the table the same way,
// backend-services/notifications/store/preferences.ts).
import { type Context, type DynamoDBGetItemRequest, util } from '@aws-appsync/utils';
import type { NotificationPreferences } from '../generated/graphql';
import { resultOrError } from './lib/errors';
import { callerId } from './lib/identity';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '../domain/notificationPreferences';

export function request(ctx: Context): DynamoDBGetItemRequest {
  return {
    operation: 'GetItem',
    key: util.dynamodb.toMapValues({ userId: callerId(ctx) }),
    consistentRead: true,
  };
}

export function response(ctx: Context): NotificationPreferences {
  const item = resultOrError<{ orderUpdates?: boolean } | null>(ctx);
  if (!item || typeof item.orderUpdates !== 'boolean') {
    return DEFAULT_NOTIFICATION_PREFERENCES;
  }
  return { orderUpdates: item.orderUpdates };
}
