// The writes that create or remove a cart line together with the cart header (domain/cart.ts), and
// how their failures reach the client.
import {
  type DynamoDBExpression,
  type DynamoDBTransactWriteItemsRequest,
  type TransactConditionCheckExpression,
  util,
} from '@aws-appsync/utils';
import { type CartHeader, MAX_CART_LINES, MAX_LINE_QUANTITY } from '../../domain/cart';
import { headerKey, lineKey } from './cart';
import { ErrorType } from './errors';

interface TransactionOutcome {
  error?: { message: string; type: string } | null;
  result: unknown;
}

interface CancellationReason {
  type: string;
  message?: string | null;
  item?: Record<string, unknown> | null;
}

/**
 * The header's side of creating (ADD) or removing (DELETE) lines: their ids in or out of the
 * header's set, and the cart dated now.
 */
export function headerUpdate(action: 'ADD' | 'DELETE', productIds: string[]): DynamoDBExpression {
  return {
    expression: `${action} #productIds :productIds SET #modifiedDate = :now`,
    expressionNames: { '#productIds': 'productIds', '#modifiedDate': 'modifiedDate' },
    expressionValues: {
      ':productIds': util.dynamodb.toStringSet(productIds),
      ':now': util.dynamodb.toDynamoDB(util.time.nowISO8601()),
    },
  };
}

/**
 * Creates a line with `lineUpdate` (a SET of quantity, addedDate and modifiedDate) and adds its
 * id to the header, refused when the cart already holds MAX_CART_LINES other products.
 * Transaction items: 0 the line, 1 the header.
 */
export function createLine(
  table: string,
  userId: string,
  productId: string,
  lineUpdate: DynamoDBExpression,
  lineCondition: TransactConditionCheckExpression | null,
): DynamoDBTransactWriteItemsRequest {
  const line = { table, operation: 'UpdateItem' as const, key: lineKey(userId, productId), update: lineUpdate };
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      lineCondition ? { ...line, condition: lineCondition } : line,
      {
        table,
        operation: 'UpdateItem',
        key: headerKey(userId),
        update: headerUpdate('ADD', [productId]),
        condition: {
          expression: 'attribute_not_exists(#productIds) OR size(#productIds) < :maxLines OR contains(#productIds, :productId)',
          expressionNames: { '#productIds': 'productIds' },
          expressionValues: {
            ':maxLines': util.dynamodb.toDynamoDB(MAX_CART_LINES),
            ':productId': util.dynamodb.toDynamoDB(productId),
          },
          returnValuesOnConditionCheckFailure: false,
        },
      },
    ],
  };
}

/**
 * Removes a line and its id from the header. The line must exist: removing a missing line is
 * cancelled (and answered as a success by removalSucceeded), so it changes nothing at all.
 */
export function removeLine(table: string, userId: string, productId: string): DynamoDBTransactWriteItemsRequest {
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table,
        operation: 'DeleteItem',
        key: lineKey(userId, productId),
        condition: {
          expression: 'attribute_exists(#quantity)',
          expressionNames: { '#quantity': 'quantity' },
          returnValuesOnConditionCheckFailure: false,
        },
      },
      {
        table,
        operation: 'UpdateItem',
        key: headerKey(userId),
        update: headerUpdate('DELETE', [productId]),
      },
    ],
  };
}

/** Refuses, before writing, a new line the header says does not fit. */
export function assertRoomForLine(header: CartHeader | null | undefined, productId: string): void {
  const ids = header && header.productIds ? header.productIds : [];
  if (ids.length >= MAX_CART_LINES && !ids.includes(productId)) {
    util.error(cartFullMessage(productId), ErrorType.BadRequest);
  }
}

export function cartFullMessage(productId: string): string {
  return `A cart holds at most ${MAX_CART_LINES} different products: remove one before adding ${productId}.`;
}

export function tooManyUnitsMessage(productId: string, current: number, added: number): string {
  return `A cart line holds at most ${MAX_LINE_QUANTITY} units: the line for ${productId} has ${current}, and adding ${added} would make ${current + added}.`;
}

export function cancellationReasons(outcome: TransactionOutcome): CancellationReason[] {
  const result = outcome.result as { cancellationReasons?: CancellationReason[] | null } | null;
  return result && result.cancellationReasons ? result.cancellationReasons : [];
}

/** Whether a removeLine transaction was cancelled only because the line was not there. */
export function removalFoundNoLine(outcome: TransactionOutcome): boolean {
  const reasons = cancellationReasons(outcome);
  const lineReason = reasons[0];
  return lineReason !== undefined && lineReason.type === 'ConditionalCheckFailed' && !hasConflict(outcome);
}

/**
 * A write that met another write to the same cart (DynamoDB refuses overlapping transactions on
 * an item rather than queueing them) is a Conflict the client may retry.
 */
export function raiseIfConflict(outcome: TransactionOutcome): void {
  if (hasConflict(outcome)) {
    util.error('Another change to this cart was in progress: try again.', ErrorType.Conflict);
  }
}

function hasConflict(outcome: TransactionOutcome): boolean {
  if (outcome.error && outcome.error.type === 'DynamoDB:TransactionConflictException') {
    return true;
  }
  for (const reason of cancellationReasons(outcome)) {
    if (reason.type === 'TransactionConflict') {
      return true;
    }
  }
  return false;
}
