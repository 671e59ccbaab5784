import type { Context } from '@aws-appsync/utils';
import { scan } from '@aws-appsync/utils/dynamodb';
import type { Product, QueryGetProductsArgs } from '../generated/graphql';
import { pageOrError, pageRequest } from './lib/page';
import { withProductDefaults } from './lib/products';

export function request(ctx: Context<QueryGetProductsArgs>) {
  return scan<Product>(pageRequest(ctx.args));
}

export function response(ctx: Context<QueryGetProductsArgs>) {
  const page = pageOrError<Product>(ctx);
  const products: Product[] = [];
  for (const item of page.items) {
    products.push(withProductDefaults(item));
  }
  return { products, nextToken: page.nextToken };
}
