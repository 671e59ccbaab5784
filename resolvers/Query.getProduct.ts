import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { Product, QueryGetProductArgs } from '../generated/graphql';
import { resultOrError } from './lib/errors';
import { withProductDefaults } from './lib/products';

export function request(ctx: Context<QueryGetProductArgs>) {
  return get({ key: { productId: ctx.args.productId } });
}

export function response(ctx: Context<QueryGetProductArgs>) {
  return withProductDefaults(resultOrError<Product | null>(ctx));
}
