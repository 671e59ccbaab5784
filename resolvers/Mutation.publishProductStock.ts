import type { Context } from '@aws-appsync/utils';
import type { MutationPublishProductStockArgs, ProductStock } from '../generated/graphql';
import { resultOrError } from './lib/errors';

/**
 * A product's new stock, as the EventBridge rule `publish-product-stock` sends it (IAM only, by
 * the schema). Nothing is stored: the result goes to the `onProductStockChanged` subscribers of
 * the product (the filter their subscription resolver set).
 */
export function request(ctx: Context<MutationPublishProductStockArgs>) {
  const { productId, stock, modifiedDate } = ctx.args.input;
  return { payload: { productId, stock, available: stock > 0, modifiedDate } };
}

export function response(ctx: Context<MutationPublishProductStockArgs>) {
  return resultOrError<ProductStock>(ctx);
}
