// Checks that the product exists and, in the same BatchGetItem, reads the caller's line for it
// and the cart header: addCartLine and setCartLine use them to choose between a single-item
// update of an existing line (atomic, never in conflict with a concurrent one) and a
// transaction that creates the line, and to refuse what would not fit before writing.
import { type Context, type DynamoDBBatchGetItemRequest, util } from '@aws-appsync/utils';
import type { Product } from '../../generated/graphql';
import { type CartHeader, type CartLine, isReservedId } from '../../domain/cart';
import { type CartStash, headerKey, lineKey } from '../lib/cart';
import { ErrorType, resultOrError } from '../lib/errors';
import { callerId } from '../lib/identity';
import { cartsTable, productsTable } from '../lib/tables';

interface Args {
  productId: string;
}

export function request(ctx: Context<Args, CartStash>): DynamoDBBatchGetItemRequest {
  const userId = callerId(ctx);
  if (isReservedId(ctx.args.productId)) {
    util.error(notFoundMessage(ctx.args.productId), ErrorType.NotFound);
  }
  const tables: DynamoDBBatchGetItemRequest['tables'] = {};
  tables[productsTable(ctx)] = {
    keys: [util.dynamodb.toMapValues({ productId: ctx.args.productId })],
    consistentRead: true,
    projection: { expression: '#productId', expressionNames: { '#productId': 'productId' } },
  };
  tables[cartsTable(ctx)] = { keys: [lineKey(userId, ctx.args.productId), headerKey(userId)], consistentRead: true };
  return { operation: 'BatchGetItem', tables };
}

export function response(ctx: Context<Args, CartStash>): Pick<Product, 'productId'> {
  const result = resultOrError<{
    data: Record<string, (Record<string, unknown> | null)[]>;
    unprocessedKeys: Record<string, unknown[]>;
  }>(ctx);
  for (const table of [productsTable(ctx), cartsTable(ctx)]) {
    if ((result.unprocessedKeys[table] ?? []).length > 0) {
      util.error('The product and the cart could not be read: try again.', ErrorType.ServiceUnavailable);
    }
  }
  const product = (result.data[productsTable(ctx)] ?? [])[0];
  if (!product) {
    util.error(notFoundMessage(ctx.args.productId), ErrorType.NotFound);
  }
  const cartRows = result.data[cartsTable(ctx)] ?? [];
  ctx.stash.line = (cartRows[0] as CartLine | null | undefined) ?? null;
  ctx.stash.header = (cartRows[1] as CartHeader | null | undefined) ?? null;
  return product as Pick<Product, 'productId'>;
}

function notFoundMessage(productId: string): string {
  return `No product has the id ${productId}.`;
}
