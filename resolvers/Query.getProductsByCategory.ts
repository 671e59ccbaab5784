import type { Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import type { Product, QueryGetProductsByCategoryArgs } from '../generated/graphql';
import { resultOrError } from './lib/errors';
import { pageRequest, toPage } from './lib/page';

export function request(ctx: Context<QueryGetProductsByCategoryArgs>) {
  return query<Product>({
    index: 'byCategory',
    query: { category: { eq: ctx.args.category } },
    ...pageRequest(ctx.args),
  });
}

export function response(ctx: Context<QueryGetProductsByCategoryArgs>) {
  const page = toPage(resultOrError<{ items: Product[]; nextToken?: string | null }>(ctx));
  return { products: page.items, nextToken: page.nextToken };
}
