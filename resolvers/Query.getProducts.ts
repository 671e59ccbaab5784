import type { Context } from '@aws-appsync/utils';
import { scan } from '@aws-appsync/utils/dynamodb';
import type { Product, QueryGetProductsArgs } from '../generated/graphql';
import { resultOrError } from './lib/errors';
import { pageRequest, toPage } from './lib/page';

export function request(ctx: Context<QueryGetProductsArgs>) {
  return scan<Product>(pageRequest(ctx.args));
}

export function response(ctx: Context<QueryGetProductsArgs>) {
  const page = toPage(resultOrError<{ items: Product[]; nextToken?: string | null }>(ctx));
  return { products: page.items, nextToken: page.nextToken };
}
