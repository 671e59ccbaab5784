import type { Context } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import type { Product, QueryGetProductsByCategoryArgs } from '../generated/graphql';
import { pageOrError, pageRequest } from './lib/page';
import { withProductDefaults } from './lib/products';

export function request(ctx: Context<QueryGetProductsByCategoryArgs>) {
  return query<Product>({
    index: 'byCategory',
    query: { category: { eq: ctx.args.category } },
    ...pageRequest(ctx.args),
  });
}

export function response(ctx: Context<QueryGetProductsByCategoryArgs>) {
  const page = pageOrError<Product>(ctx);
  const products: Product[] = [];
  for (const item of page.items) {
    products.push(withProductDefaults(item));
  }
  return { products, nextToken: page.nextToken };
}
