// The one TransactWriteItems that places an order: the order itself (new), each product's stock
// reserved (never below 0, never for a deleted product) with its ORDER_PLACED movement in the
// stock ledger and, for placeOrder, the ordered lines taken out of the cart. Item 0 is the order,
// items 1..n the products, in the order's line order, then n movements, then the cart's items.
//
// Each reservation is `SET stock = :after` on the condition `stock = :read` (the stock read just
// before), not `stock = stock - :q`: a transaction cannot read what it writes, and this is how the
// movement's stockAfter is exact. A stock that moved meanwhile refuses the write; writeOrder.ts
// tries again from the stock the refusal returns.
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { CART_HEADER_ID } from '../../../domain/cart.ts';
import { STOCK_REASONS, stockMovementItem } from '../../../domain/stockMovement.ts';
import type { Operation } from '../domain/checkoutRequest.ts';
import type { OrderItem } from '../../../domain/order.ts';
import type { CheckoutTables } from './dynamodb.ts';

/**
 * `stocks`: each line's product's stock as read (present for every line: a product not read is
 * refused before). `at`: when the movements happen.
 */
export function orderTransactionItems(
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
