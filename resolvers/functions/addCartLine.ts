import { type Context, type DynamoDBTransactWriteItemsRequest, type DynamoDBUpdateItemRequest, util } from '@aws-appsync/utils';
import type { MutationAddToCartArgs } from '../../generated/graphql';
import { type CartLine, MAX_LINE_QUANTITY } from '../../domain/cart';
import { type CartStash, lineKey } from '../lib/cart';
import {
  assertRoomForLine,
  cancellationReasons,
  cartFullMessage,
  createLine,
  raiseIfConflict,
  tooManyUnitsMessage,
} from '../lib/cartWrites';
import { CONDITION_FAILED, ErrorType, resultOrError } from '../lib/errors';
import { callerId } from '../lib/identity';
import { cartsTable } from '../lib/tables';

const NAMES = { '#quantity': 'quantity', '#addedDate': 'addedDate', '#modifiedDate': 'modifiedDate' };

export function request(
  ctx: Context<MutationAddToCartArgs, CartStash>,
): DynamoDBUpdateItemRequest | DynamoDBTransactWriteItemsRequest {
  const { productId, quantity } = ctx.args;
  const userId = callerId(ctx);
  const line = ctx.stash.line;
  // The line may hold `room` units before this add; the conditions re-check it at write time.
  const room = MAX_LINE_QUANTITY - quantity;
  const values = {
    ':quantity': util.dynamodb.toDynamoDB(quantity),
    ':room': util.dynamodb.toDynamoDB(room),
    ':now': util.dynamodb.toDynamoDB(util.time.nowISO8601()),
  };
  if (line) {
    if (line.quantity > room) {
      util.error(tooManyUnitsMessage(productId, line.quantity, quantity), ErrorType.BadRequest);
    }
    return {
      operation: 'UpdateItem',
      key: lineKey(userId, productId),
      update: {
        expression: 'SET #quantity = #quantity + :quantity, #modifiedDate = :now',
        expressionNames: { '#quantity': 'quantity', '#modifiedDate': 'modifiedDate' },
        expressionValues: { ':quantity': values[':quantity'], ':now': values[':now'] },
      },
      condition: {
        expression: 'attribute_exists(#quantity) AND #quantity <= :room',
        expressionNames: { '#quantity': 'quantity' },
        expressionValues: { ':room': values[':room'] },
      },
    };
  }
  assertRoomForLine(ctx.stash.header, productId);
  return createLine(
    cartsTable(ctx),
    userId,
    productId,
    {
      expression:
        'SET #quantity = if_not_exists(#quantity, :zero) + :quantity, #addedDate = if_not_exists(#addedDate, :now), #modifiedDate = :now',
      expressionNames: NAMES,
      expressionValues: { ':zero': util.dynamodb.toDynamoDB(0), ':quantity': values[':quantity'], ':now': values[':now'] },
    },
    {
      expression: 'attribute_not_exists(#quantity) OR #quantity <= :room',
      expressionNames: { '#quantity': 'quantity' },
      expressionValues: { ':room': values[':room'] },
      returnValuesOnConditionCheckFailure: true,
    },
  );
}

export function response(ctx: Context<MutationAddToCartArgs, CartStash>): unknown {
  if (ctx.error) {
    const { productId, quantity } = ctx.args;
    raiseIfConflict(ctx);
    if (ctx.error.type === CONDITION_FAILED) {
      const current = ctx.result as CartLine | null;
      if (current && typeof current.quantity === 'number') {
        util.error(tooManyUnitsMessage(productId, current.quantity, quantity), ErrorType.BadRequest);
      }
      util.error('The line was removed while adding to it: try again.', ErrorType.Conflict);
    }
    const [lineReason, headerReason] = cancellationReasons(ctx);
    if (lineReason && lineReason.type === 'ConditionalCheckFailed') {
      const current = lineReason.item as { quantity?: number } | null | undefined;
      const units = current && typeof current.quantity === 'number' ? current.quantity : MAX_LINE_QUANTITY;
      util.error(tooManyUnitsMessage(productId, units, quantity), ErrorType.BadRequest);
    }
    if (headerReason && headerReason.type === 'ConditionalCheckFailed') {
      util.error(cartFullMessage(productId), ErrorType.BadRequest);
    }
  }
  return resultOrError(ctx);
}
