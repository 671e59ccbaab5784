// Sets the caller's notification preferences: one item per user, replaced whole. The status
// emails follow it from the next one sent; the transactional emails are not a preference.
import { type Context, type DynamoDBPutItemRequest, util } from '@aws-appsync/utils';
import type { MutationUpdateNotificationPreferencesArgs, NotificationPreferences } from '../generated/graphql';
import { resultOrError } from './lib/errors';
import { callerId } from './lib/identity';

export function request(ctx: Context<MutationUpdateNotificationPreferencesArgs>): DynamoDBPutItemRequest {
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues({ userId: callerId(ctx) }),
    attributeValues: util.dynamodb.toMapValues({
      orderUpdates: ctx.args.input.orderUpdates,
      modifiedDate: util.time.nowISO8601(),
    }),
  };
}

export function response(ctx: Context<MutationUpdateNotificationPreferencesArgs>): NotificationPreferences {
  const item = resultOrError<{ orderUpdates: boolean }>(ctx);
  return { orderUpdates: item.orderUpdates };
}
