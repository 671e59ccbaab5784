import { type Context, type DynamoDBDeleteItemRequest, util } from '@aws-appsync/utils';
import type { MutationDeleteProductArgs, Product } from '../generated/graphql';
import { ErrorType, resultOrError } from './lib/errors';

/** Deletes a product and answers it as it was; null when there was none. Cart lines keep it (as product null). */
export function request(ctx: Context<MutationDeleteProductArgs>): DynamoDBDeleteItemRequest {
  if (ctx.args.productId.trim() === '') {
    util.error('productId must not be blank', ErrorType.BadRequest);
  }
  return { operation: 'DeleteItem', key: util.dynamodb.toMapValues({ productId: ctx.args.productId }) };
}

export function response(ctx: Context<MutationDeleteProductArgs>): Product | null {
  return resultOrError<Product | null>(ctx);
}
