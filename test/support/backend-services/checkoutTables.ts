// The tables checkout works on (products, carts, orders, idempotency, stock-movements), of a test's own in the
// stack's DynamoDB Local (uniquely prefixed), with what a test needs to set them up and look.
import { randomBytes } from 'node:crypto';
import { GetItemCommand, PutItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { inject } from 'vitest';
import type { OrderItem } from '../../../domain/order.ts';
import type { Product } from '../../../backend-services/products/domain/product.ts';
import { createLocalDynamoDbClient, createTables } from 'appsync-local/dynamodb/tables.ts';
import { CARTS_TABLE, IDEMPOTENCY_TABLE, ORDERS_TABLE, PRODUCTS_TABLE, STOCK_MOVEMENTS_TABLE } from '../../../system/tables.ts';

export interface CartRow {
  readonly userId: string;
  readonly productId: string;
  readonly quantity?: number;
  readonly productIds?: Set<string>;
}

export interface CheckoutTables {
  readonly dynamodbEndpoint: string;
  readonly names: {
    readonly products: string;
    readonly carts: string;
    readonly orders: string;
    readonly idempotency: string;
    readonly stockMovements: string;
  };
  putProducts(...products: Product[]): Promise<void>;
  stockOf(productId: string): Promise<number | undefined>;
  /** The cart's lines and its header row, as addToCart writes them. */
  fillCart(userId: string, lines: Record<string, number>): Promise<void>;
  cartRows(userId: string): Promise<CartRow[]>;
  getOrder(orderId: string): Promise<OrderItem | undefined>;
  ordersOf(userId: string): Promise<OrderItem[]>;
  idempotencyRecords(): Promise<Record<string, unknown>[]>;
}

export async function createCheckoutTables(): Promise<CheckoutTables> {
  const dynamodbEndpoint = inject('dynamodbEndpoint');
  const prefix = `orders-${randomBytes(4).toString('hex')}-`;
  const client = createLocalDynamoDbClient(dynamodbEndpoint);
  await createTables(client, [PRODUCTS_TABLE, CARTS_TABLE, ORDERS_TABLE, IDEMPOTENCY_TABLE, STOCK_MOVEMENTS_TABLE], prefix);
  const names = {
    products: `${prefix}${PRODUCTS_TABLE.name}`,
    carts: `${prefix}${CARTS_TABLE.name}`,
    orders: `${prefix}${ORDERS_TABLE.name}`,
    idempotency: `${prefix}${IDEMPOTENCY_TABLE.name}`,
    stockMovements: `${prefix}${STOCK_MOVEMENTS_TABLE.name}`,
  };
  const put = (table: string, item: object) =>
    client.send(new PutItemCommand({ TableName: table, Item: marshall(item, { removeUndefinedValues: true }) }));
  const get = async (table: string, key: object) =>
    (await client.send(new GetItemCommand({ TableName: table, Key: marshall(key), ConsistentRead: true }))).Item;
  const scan = async (table: string) =>
    ((await client.send(new ScanCommand({ TableName: table, ConsistentRead: true }))).Items ?? []).map((item) =>
      unmarshall(item),
    );
  return {
    dynamodbEndpoint,
    names,
    putProducts: async (...products) => {
      await Promise.all(products.map((product) => put(names.products, product)));
    },
    stockOf: async (productId) => {
      const item = await get(names.products, { productId });
      return item ? (unmarshall(item) as Product).stock : undefined;
    },
    fillCart: async (userId, lines) => {
      const now = '2026-01-01T00:00:00.000Z';
      await Promise.all(
        Object.entries(lines).map(([productId, quantity]) =>
          put(names.carts, { userId, productId, quantity, addedDate: now, modifiedDate: now }),
        ),
      );
      await put(names.carts, { userId, productId: '#cart', productIds: new Set(Object.keys(lines)), modifiedDate: now });
    },
    cartRows: async (userId) => {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: names.carts,
          KeyConditionExpression: 'userId = :u',
          ExpressionAttributeValues: marshall({ ':u': userId }),
          ConsistentRead: true,
        }),
      );
      return Items.map((item) => unmarshall(item) as CartRow);
    },
    getOrder: async (orderId) => {
      const item = await get(names.orders, { orderId });
      return item ? (unmarshall(item) as OrderItem) : undefined;
    },
    ordersOf: async (userId) => (await scan(names.orders)).filter((order) => order.userId === userId) as OrderItem[],
    idempotencyRecords: () => scan(names.idempotency),
  };
}
