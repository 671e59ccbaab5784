// The one TransactWriteItems that places an order: the order itself (new), each product's stock
// reserved (never below 0, never for a deleted product) with its ORDER_PLACED movement in the
// stock ledger and, for placeOrder, the ordered lines taken out of the cart. Item 0 is the order,
// items 1..n the products, in the order's line order, then n movements, then the cart's items.
//
// Each reservation is `SET stock = :after` on the condition `stock = :read` (the stock read just
// before), not `stock = stock - :q`: a transaction cannot read what it writes, and this is how the
// movement's stockAfter is exact. A stock that moved meanwhile refuses the write; writeOrder.ts
// tries again from the stock the refusal returns.
//
// Each transaction carries a ClientRequestToken made from its items (the order's id among them):
// sent again unchanged, it is the same token, and DynamoDB applies it at most once in its
// 10-minute window, answering success to a resend of one that committed; every other transaction
// (the next round after the stock moved, a later attempt with its own `at`) has a token of its own.
import { createHash } from 'node:crypto';
import type { TransactWriteItem, TransactWriteItemsInput } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { CART_HEADER_ID } from '../../../domain/cart.ts';
import { STOCK_REASONS, stockMovementItem } from '../../../domain/stockMovement.ts';
import type { Operation } from '../domain/checkoutRequest.ts';
import type { OrderItem } from '../../../domain/order.ts';
import type { CheckoutTables } from './dynamodb.ts';

/** DynamoDB takes a ClientRequestToken of 1 to 36 characters. */
const TOKEN_LENGTH = 36;

/**
 * The whole TransactWriteItems input, its ClientRequestToken included. `stocks`: each line's
 * product's stock as read (present for every line: a product not read is refused before). `at`:
 * when the movements happen.
 */
export function orderTransaction(
  tables: CheckoutTables,
  order: OrderItem,
  operation: Operation,
  stocks: ReadonlyMap<string, number>,
  at: string,
): TransactWriteItemsInput & { ClientRequestToken: string } {
  const items = orderTransactionItems(tables, order, operation, stocks, at);
  return { TransactItems: items, ClientRequestToken: transactionToken(items) };
}

/**
 * A SHA-256 of the items, in hex, cut to DynamoDB's 36 characters: deterministic for one
 * transaction, so that a resend is recognised, and different for any other, so that DynamoDB
 * never sees one token with other parameters (IdempotentParameterMismatchException). The items
 * are built in a fixed order, so their JSON is too.
 */
export function transactionToken(items: readonly TransactWriteItem[]): string {
  return createHash('sha256').update(JSON.stringify(items)).digest('hex').slice(0, TOKEN_LENGTH);
}

function orderTransactionItems(
  tables: CheckoutTables,
  order: OrderItem,
  operation: Operation,
  stocks: ReadonlyMap<string, number>,
  at: string,
): TransactWriteItem[] {
  const items: TransactWriteItem[] = [
    {
      Put: {
        TableName: tables.orders,
        Item: marshall(order, { removeUndefinedValues: true }),
        ConditionExpression: 'attribute_not_exists(orderId)',
      },
    },
    ...order.products.map(({ productId, quantity }) => ({
      Update: {
        TableName: tables.products,
        Key: marshall({ productId }),
        UpdateExpression: 'SET stock = :after',
        ConditionExpression: 'stock = :read',
        ExpressionAttributeValues: marshall({ ':read': stocks.get(productId)!, ':after': stocks.get(productId)! - quantity }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    })),
    ...order.products.map(({ productId, quantity }) => ({
      Put: {
        TableName: tables.stockMovements,
        Item: marshall(
          stockMovementItem(
            {
              productId,
              delta: -quantity,
              reason: STOCK_REASONS.orderPlaced,
              orderId: order.orderId,
              actor: order.userId,
              at,
              stockAfter: stocks.get(productId)! - quantity,
            },
            order.orderId,
          ),
        ),
        ConditionExpression: 'attribute_not_exists(movementKey)',
      },
    })),
  ];
  return operation === 'placeOrder' ? [...items, ...cartEmptyingItems(tables.carts, order)] : items;
}

/** Lines added to the cart after it was read stay; the header keeps the set of line ids exact. */
function cartEmptyingItems(table: string, order: OrderItem): TransactWriteItem[] {
  const productIds = order.products.map((product) => product.productId);
  return [
    ...productIds.map((productId) => ({ Delete: { TableName: table, Key: marshall({ userId: order.userId, productId }) } })),
    {
      Update: {
        TableName: table,
        Key: marshall({ userId: order.userId, productId: CART_HEADER_ID }),
        UpdateExpression: 'DELETE #productIds :productIds SET modifiedDate = :now',
        ExpressionAttributeNames: { '#productIds': 'productIds' },
        ExpressionAttributeValues: { ':productIds': { SS: productIds }, ':now': { S: order.createdDate } },
      },
    },
  ];
}
