import type { Context } from '@aws-appsync/utils';
import type { InventoryAlert, MutationPublishInventoryAlertArgs } from '../generated/graphql';
import { resultOrError } from './lib/errors';

/**
 * A product's stock crossing (domain/inventory.ts), as the EventBridge rules
 * `publish-inventory-alert-…` send it (IAM only, by the schema). Nothing is stored: the alert is
 * the result, and through `@aws_subscribe` it goes to the `onInventoryAlert` subscribers (admin
 * and warehouse, by the schema).
 */
export function request(ctx: Context<MutationPublishInventoryAlertArgs>) {
  const { productId, name, kind, stock, threshold, at } = ctx.args.input;
  return { payload: { productId, name, kind, stock, threshold, at } };
}

export function response(ctx: Context<MutationPublishInventoryAlertArgs>) {
  return resultOrError<InventoryAlert>(ctx);
}
