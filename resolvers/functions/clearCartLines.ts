import { type Context, type DynamoDBTransactWriteItemsRequest, runtime } from '@aws-appsync/utils';
import { type CartStash, headerKey, lineKey } from '../lib/cart';
import { headerUpdate, raiseIfConflict } from '../lib/cartWrites';
import { resultOrError } from '../lib/errors';
import { callerId } from '../lib/identity';
import { cartsTable } from '../lib/tables';

// One transaction deletes every line (at most MAX_CART_LINES) and takes their ids out of the
// header: all or nothing. A line added concurrently, after getCartLines read the cart, stays
// in the cart and in the header.
export function request(ctx: Context<unknown, CartStash>): DynamoDBTransactWriteItemsRequest {
  const lines = ctx.stash.lines ?? [];
  if (lines.length === 0) {
    runtime.earlyReturn(null);
  }
  const userId = callerId(ctx);
  const table = cartsTable(ctx);
  const productIds: string[] = [];
  const transactItems: DynamoDBTransactWriteItemsRequest['transactItems'] = [];
  for (const line of lines) {
    productIds.push(line.productId);
    transactItems.push({ table, operation: 'DeleteItem', key: lineKey(userId, line.productId) });
  }
  transactItems.push({
    table,
    operation: 'UpdateItem',
    key: headerKey(userId),
    update: headerUpdate('DELETE', productIds),
  });
  return { operation: 'TransactWriteItems', transactItems };
}

export function response(ctx: Context<unknown, CartStash>): unknown {
  if (ctx.error) {
    raiseIfConflict(ctx);
  }
  const result = resultOrError(ctx);
  ctx.stash.lines = [];
  return result;
}
