import type { Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import type { Product, QueryGetProductsByCategoryArgs } from '../generated/graphql';
import { pageOrError, pageRequest } from './lib/page';

export function request(ctx: Context<QueryGetProductsByCategoryArgs>) {
  return query<Product>({
    index: 'byCategory',
    query: { category: { eq: ctx.args.category } },
    ...pageRequest(ctx.args),
  });
}

export function response(ctx: Context<QueryGetProductsByCategoryArgs>) {
  const page = pageOrError<Product>(ctx);
  return { products: page.items, nextToken: page.nextToken };
}
