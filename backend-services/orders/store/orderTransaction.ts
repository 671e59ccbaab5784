// The one TransactWriteItems that places an order: the order itself (new), each product's stock
// reserved (never below 0, never for a deleted product) and, for placeOrder, the ordered lines
// taken out of the cart. Item 0 is the order, items 1..n the products, in the order's line order.
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { CART_HEADER_ID } from '../../../domain/cart.ts';
import type { Operation } from '../domain/checkoutRequest.ts';
import type { OrderItem } from '../../../domain/order.ts';
import type { CheckoutTables } from './dynamodb.ts';

export function orderTransactionItems(tables: CheckoutTables, order: OrderItem, operation: Operation): TransactWriteItem[] {
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
        UpdateExpression: 'SET stock = stock - :quantity',
        ConditionExpression: 'attribute_exists(productId) AND stock >= :quantity',
        ExpressionAttributeValues: marshall({ ':quantity': quantity }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
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
