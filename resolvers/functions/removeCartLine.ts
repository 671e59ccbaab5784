import { type Context, type DynamoDBTransactWriteItemsRequest, runtime } from '@aws-appsync/utils';
import type { MutationRemoveFromCartArgs } from '../../generated/graphql';
import { isReservedId } from '../../domain/cart';
import type { CartStash } from '../lib/cart';
import { raiseIfConflict, removalFoundNoLine, removeLine } from '../lib/cartWrites';
import { resultOrError } from '../lib/errors';
import { callerId } from '../lib/identity';
import { cartsTable } from '../lib/tables';

export function request(ctx: Context<MutationRemoveFromCartArgs, CartStash>): DynamoDBTransactWriteItemsRequest {
  if (isReservedId(ctx.args.productId)) {
    runtime.earlyReturn(null);
  }
  return removeLine(cartsTable(ctx), callerId(ctx), ctx.args.productId);
}

export function response(ctx: Context<MutationRemoveFromCartArgs, CartStash>): unknown {
  if (ctx.error) {
    raiseIfConflict(ctx);
    // Removing a line the cart does not have is done already.
    if (removalFoundNoLine(ctx)) {
      return null;
    }
  }
  return resultOrError(ctx);
}
