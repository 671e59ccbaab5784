import { type Context, type DynamoDBQueryRequest, util } from '@aws-appsync/utils';
import { type CartHeader, type CartLine, isCartLine, MAX_CART_LINES } from '../../domain/cart';
import { type CartStash, laterDate, sortLines } from '../lib/cart';
import { resultOrError } from '../lib/errors';
import { callerId } from '../lib/identity';

export function request(ctx: Context<unknown, CartStash>): DynamoDBQueryRequest {
  return {
    operation: 'Query',
    query: {
      expression: '#userId = :userId',
      expressionNames: { '#userId': 'userId' },
      expressionValues: { ':userId': util.dynamodb.toDynamoDB(callerId(ctx)) },
    },
    // The header and at most MAX_CART_LINES lines: one page holds the whole cart.
    limit: MAX_CART_LINES * 4,
    consistentRead: true,
  };
}

export function response(ctx: Context<unknown, CartStash>): CartLine[] {
  const rows = resultOrError<{ items: (CartLine | CartHeader)[] }>(ctx).items;
  const lines: CartLine[] = [];
  let modifiedDate: string | null = null;
  for (const row of rows) {
    if (isCartLine(row)) {
      lines.push(row);
    }
    modifiedDate = laterDate(modifiedDate, row.modifiedDate);
  }
  ctx.stash.lines = sortLines(lines);
  ctx.stash.cartModifiedDate = lines.length > 0 ? modifiedDate : null;
  return ctx.stash.lines;
}
