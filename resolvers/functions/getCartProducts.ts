import { type Context, type DynamoDBBatchGetItemRequest, runtime, util } from '@aws-appsync/utils';
import type { Product } from '../../generated/graphql';
import type { CartStash } from '../lib/cart';
import { ErrorType, resultOrError } from '../lib/errors';
import { withProductDefaults } from '../lib/products';
import { productsTable } from '../lib/tables';

export function request(ctx: Context<unknown, CartStash>): DynamoDBBatchGetItemRequest {
  const lines = ctx.stash.lines ?? [];
  if (lines.length === 0) {
    ctx.stash.products = {};
    runtime.earlyReturn({});
  }
  const keys: Record<string, unknown>[] = [];
  for (const line of lines) {
    keys.push(util.dynamodb.toMapValues({ productId: line.productId }));
  }
  const tables: DynamoDBBatchGetItemRequest['tables'] = {};
  // Current prices: the subtotal is always worked out at what the products cost now.
  tables[productsTable(ctx)] = { keys, consistentRead: true };
  return { operation: 'BatchGetItem', tables };
}

export function response(ctx: Context<unknown, CartStash>): Record<string, Product> {
  const table = productsTable(ctx);
  const result = resultOrError<{ data: Record<string, (Product | null)[]>; unprocessedKeys: Record<string, unknown[]> }>(ctx);
  const unprocessed = result.unprocessedKeys[table] ?? [];
  if (unprocessed.length > 0) {
    util.error('The products of the cart could not all be read: try again.', ErrorType.ServiceUnavailable);
  }
  const products: Record<string, Product> = {};
  for (const product of result.data[table] ?? []) {
    if (product) {
      products[product.productId] = withProductDefaults(product);
    }
  }
  ctx.stash.products = products;
  return products;
}
