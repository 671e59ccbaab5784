import {
  type Context,
  type DynamoDBTransactWriteItemsRequest,
  type DynamoDBUpdateItemRequest,
  runtime,
  util,
} from '@aws-appsync/utils';
import type { MutationUpdateCartItemArgs } from '../../generated/graphql';
import { type CartStash, lineKey } from '../lib/cart';
import {
  assertRoomForLine,
  cancellationReasons,
  cartFullMessage,
  createLine,
  raiseIfConflict,
  removalFoundNoLine,
  removeLine,
} from '../lib/cartWrites';
import { CONDITION_FAILED, ErrorType, resultOrError } from '../lib/errors';
import { callerId } from '../lib/identity';
import { cartsTable } from '../lib/tables';

export function request(
  ctx: Context<MutationUpdateCartItemArgs, CartStash>,
): DynamoDBUpdateItemRequest | DynamoDBTransactWriteItemsRequest {
  const { productId, quantity } = ctx.args;
  const userId = callerId(ctx);
  if (quantity === 0) {
    if (!ctx.stash.line) {
      runtime.earlyReturn(null);
    }
    return removeLine(cartsTable(ctx), userId, productId);
  }
  const now = util.dynamodb.toDynamoDB(util.time.nowISO8601());
  if (ctx.stash.line) {
    return {
      operation: 'UpdateItem',
      key: lineKey(userId, productId),
      update: {
        expression: 'SET #quantity = :quantity, #modifiedDate = :now',
        expressionNames: { '#quantity': 'quantity', '#modifiedDate': 'modifiedDate' },
        expressionValues: { ':quantity': util.dynamodb.toDynamoDB(quantity), ':now': now },
      },
      condition: { expression: 'attribute_exists(#quantity)', expressionNames: { '#quantity': 'quantity' } },
    };
  }
  // Setting a line the cart does not have creates it, as adding would.
  assertRoomForLine(ctx.stash.header, productId);
  return createLine(
    cartsTable(ctx),
    userId,
    productId,
    {
      expression: 'SET #quantity = :quantity, #addedDate = if_not_exists(#addedDate, :now), #modifiedDate = :now',
      expressionNames: { '#quantity': 'quantity', '#addedDate': 'addedDate', '#modifiedDate': 'modifiedDate' },
      expressionValues: { ':quantity': util.dynamodb.toDynamoDB(quantity), ':now': now },
    },
    null,
  );
}

export function response(ctx: Context<MutationUpdateCartItemArgs, CartStash>): unknown {
  if (ctx.error) {
    raiseIfConflict(ctx);
    if (ctx.args.quantity === 0 && removalFoundNoLine(ctx)) {
      return null;
    }
    if (ctx.error.type === CONDITION_FAILED) {
      util.error('The line was removed while setting it: try again.', ErrorType.Conflict);
    }
    const headerReason = cancellationReasons(ctx)[1];
    if (ctx.args.quantity > 0 && headerReason && headerReason.type === 'ConditionalCheckFailed') {
      util.error(cartFullMessage(ctx.args.productId), ErrorType.BadRequest);
    }
  }
  return resultOrError(ctx);
}
