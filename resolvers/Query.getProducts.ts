import type { Context } from '@aws-appsync/utils';
import { scan } from '@aws-appsync/utils/dynamodb';
import type { Product, QueryGetProductsArgs } from '../generated/graphql';
import { pageOrError, pageRequest } from './lib/page';

export function request(ctx: Context<QueryGetProductsArgs>) {
  return scan<Product>(pageRequest(ctx.args));
}

export function response(ctx: Context<QueryGetProductsArgs>) {
  const page = pageOrError<Product>(ctx);
  return { products: page.items, nextToken: page.nextToken };
}
