// Orders for end-to-end tests of the order resolvers: seeded straight into the orders table, as
// the orders service would have written them (in any status), and read back raw to see that a
// refused change changed nothing. Also the GraphQL selections of orders and who a caller is.
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { decodeJwt } from 'jose';
import type { OrderStatus, Product } from '../../generated/graphql.ts';
import { createLocalDynamoDbClient } from 'appsync-local/dynamodb/tables.ts';
import { ORDERS_TABLE } from '../../system/tables.ts';
import type { OrderItem } from '../../domain/order.ts';
import { type Headers, uniqueId } from './storeApi.ts';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'NEW',
  'PACKAGING',
  'PACKAGED',
  'PACKAGING_FAILED',
  'IN_DELIVERY',
  'FULFILLED',
  'DELIVERY_FAILED',
  'CANCELLED',
];

/** Every field of an Order, for queries and mutations that answer one. */
export const ORDER_SELECTION =
  'orderId userId status products { productId name price quantity package { width length height weight } } ' +
  'address { name companyName streetAddress postCode city state country phoneNumber } deliveryPrice total createdDate modifiedDate';

/** An item of the orders table (optional attributes absent, never null), as the orders service writes it. */
export type OrderRecord = OrderItem;

export type OrderLine = OrderRecord['products'][number];

/** A line of an order: the product as it is now, `quantity` of it. */
export function orderLine(product: Product, quantity: number): OrderLine {
  const { width, length, height, weight } = product.package;
  return {
    productId: product.productId,
    name: product.name,
    price: product.price,
    quantity,
    package: { width, length, height, weight },
  };
}

/**
 * An order of `userId`'s for `products` to a French address without its optional fields, NEW and
 * created now unless overridden. Give it products of the test's own: when an order ends without
 * being delivered its stock goes back to them.
 */
export function orderRecord(userId: string, products: OrderLine[], overrides: Partial<OrderRecord> = {}): OrderRecord {
  const createdDate = overrides.createdDate ?? new Date().toISOString();
  const subtotal = products.reduce((sum, line) => sum + line.price * line.quantity, 0);
  const deliveryPrice = overrides.deliveryPrice ?? 1000;
  return {
    orderId: uniqueId('order'),
    userId,
    status: 'NEW',
    products,
    address: {
      name: 'Ada Lovelace',
      streetAddress: '12 rue de la Paix',
      city: 'Paris',
      country: 'FR',
      phoneNumber: '+33123456789',
    },
    deliveryPrice,
    subtotal,
    total: subtotal + deliveryPrice,
    createdDate,
    modifiedDate: createdDate,
    ...overrides,
  };
}

/** Writes orders into the stack's orders table, as they are. */
export async function seedOrders(dynamodbEndpoint: string, ...orders: OrderRecord[]): Promise<void> {
  const client = createLocalDynamoDbClient(dynamodbEndpoint);
  try {
    for (const order of orders) {
      await client.send(new PutItemCommand({ TableName: ORDERS_TABLE.name, Item: marshall(order) }));
    }
  } finally {
    client.destroy();
  }
}

/** The order's item as the table holds it now (consistent read); undefined when there is none. */
export async function readOrder(dynamodbEndpoint: string, orderId: string): Promise<OrderRecord | undefined> {
  const client = createLocalDynamoDbClient(dynamodbEndpoint);
  try {
    const output = await client.send(
      new GetItemCommand({ TableName: ORDERS_TABLE.name, Key: marshall({ orderId }), ConsistentRead: true }),
    );
    return output.Item ? (unmarshall(output.Item) as OrderRecord) : undefined;
  } finally {
    client.destroy();
  }
}

/** The user id (Cognito `sub`) of the caller whose ID token the headers carry. */
export function userIdOf(caller: Headers): string {
  const sub = decodeJwt(caller.authorization ?? '').sub;
  if (!sub) throw new Error('The headers carry no ID token with a sub.');
  return sub;
}

/** `count` ISO dates one second apart from `start`, oldest first. */
export function datesFrom(start: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(Date.parse(start) + i * 1000).toISOString());
}
