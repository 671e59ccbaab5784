// A customer's orders (getOrders, getOrder, cancelOrder) through GraphQL over HTTP on the test
// run's local stack. Orders are seeded straight into the orders table for users made for this
// file, so nothing here meets what another test file does.
import { beforeAll, describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import { expectError } from '../support/graphqlAssertions.ts';
import type { Order, OrderPage } from '../../generated/graphql.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import {
  datesFrom,
  ORDER_SELECTION,
  orderLine,
  type OrderLine,
  orderRecord as seededOrder,
  type OrderRecord,
  readOrder,
  seedOrders,
  userIdOf,
} from '../support/orders.ts';
import { productInput, putProduct, storeClient, uniqueId, type Headers } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';

const { local, dynamodbEndpoint: dynamodb } = localStack();
const graphql = storeClient(local.graphqlUrl);

const GET_ORDERS = `query ($limit: Int, $nextToken: String) { getOrders(limit: $limit, nextToken: $nextToken) { orders { ${ORDER_SELECTION} } nextToken } }`;
const GET_ORDER = `query ($id: ID!) { getOrder(orderId: $id) { ${ORDER_SELECTION} } }`;
const CANCEL = `mutation ($id: ID!) { cancelOrder(orderId: $id) { ${ORDER_SELECTION} } }`;

let customer: Headers;
let otherCustomer: Headers;
let admin: Headers;
let warehouse: Headers;
/** Two products of this file's, as the lines of every seeded order. */
let lines: OrderLine[];

beforeAll(async () => {
  const catalogAdmin = { authorization: await idTokenOf(local, 'admin') };
  const [lamp, mug] = await Promise.all([
    putProduct(local.graphqlUrl, catalogAdmin, productInput({ productId: uniqueId('orders-lamp'), name: 'Lamp', price: 4900 })),
    putProduct(local.graphqlUrl, catalogAdmin, productInput({ productId: uniqueId('orders-mug'), name: 'Mug', price: 250 })),
  ]);
  lines = [orderLine(lamp, 1), orderLine(mug, 3)];
  const users = await Promise.all([
    createStoreUser(local, 'orders-customer'),
    createStoreUser(local, 'orders-other'),
    createStoreUser(local, 'orders-admin', ['admin']),
    createStoreUser(local, 'orders-warehouse', ['warehouse']),
  ]);
  [customer, otherCustomer, admin, warehouse] = [users[0].headers, users[1].headers, users[2].headers, users[3].headers];
});

function orderRecord(userId: string, overrides: Partial<OrderRecord> = {}): OrderRecord {
  return seededOrder(userId, lines, overrides);
}

async function ordersPage(caller: Headers, variables: { limit?: number; nextToken?: string | null } = {}): Promise<OrderPage> {
  const response = await graphql<{ getOrders: OrderPage }>(GET_ORDERS, variables, caller);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.getOrders;
}

async function getOrder(caller: Headers, orderId: string): Promise<Order | null> {
  const response = await graphql<{ getOrder: Order | null }>(GET_ORDER, { id: orderId }, caller);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.getOrder;
}

describe('getOrders', () => {
  it('answers an empty page to a customer with no orders', async () => {
    const newcomer = (await createStoreUser(local, 'orders-newcomer')).headers;
    expect(await ordersPage(newcomer)).toEqual({ orders: [], nextToken: null });
  });

  it('pages through the caller’s own orders newest first, each exactly once', async () => {
    const shopper = (await createStoreUser(local, 'orders-pager')).headers;
    const userId = userIdOf(shopper);
    const dates = datesFrom('2024-03-01T10:00:00.000Z', 7);
    // Written out of order, and next to another customer's order of the same time.
    const seeded = [3, 0, 6, 1, 5, 2, 4].map((i) => orderRecord(userId, { createdDate: dates[i]! }));
    await seedOrders(dynamodb, ...seeded, orderRecord(userIdOf(otherCustomer), { createdDate: dates[3]! }));

    const seen: Order[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const page: OrderPage = await ordersPage(shopper, { limit: 3, nextToken });
      expect(page.orders.length).toBeLessThanOrEqual(3);
      seen.push(...page.orders);
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken && pages < 10);

    expect(pages).toBe(3);
    expect(seen.map((order) => order.createdDate)).toEqual([...dates].reverse());
    expect(new Set(seen.map((order) => order.orderId)).size).toBe(7);
    expect(seen.every((order) => order.userId === userId)).toBe(true);
  });

  it('answers 20 orders by default', async () => {
    const shopper = (await createStoreUser(local, 'orders-many')).headers;
    const userId = userIdOf(shopper);
    await seedOrders(
      dynamodb,
      ...datesFrom('2024-04-01T00:00:00.000Z', 21).map((createdDate) => orderRecord(userId, { createdDate })),
    );
    const page = await ordersPage(shopper);
    expect(page.orders).toHaveLength(20);
    expect(page.nextToken).toEqual(expect.any(String));
  });

  it('answers an order with every field, optional address fields absent as null', async () => {
    const shopper = (await createStoreUser(local, 'orders-fields')).headers;
    const record = orderRecord(userIdOf(shopper), { status: 'PACKAGED', previousStatus: 'PACKAGING', idempotencyKey: 'key-1' });
    await seedOrders(dynamodb, record);
    expect((await ordersPage(shopper)).orders).toEqual([
      {
        orderId: record.orderId,
        userId: record.userId,
        status: 'PACKAGED',
        products: record.products,
        address: { ...record.address, companyName: null, postCode: null, state: null },
        deliveryPrice: record.deliveryPrice,
        total: record.total,
        createdDate: record.createdDate,
        modifiedDate: record.modifiedDate,
      },
    ]);
  });

  it.each([0, 101])('refuses a limit of %i with BadRequest', async (limit) => {
    expectError(
      await graphql(GET_ORDERS, { limit }, customer),
      'getOrders',
      'BadRequest',
      `limit must be between 1 and 100, got ${limit}`,
    );
  });

  it('answers a malformed nextToken with BadRequest', async () => {
    expectError(
      await graphql(GET_ORDERS, { nextToken: 'not-a-token' }, customer),
      'getOrders',
      'BadRequest',
      'nextToken is not a token this list issued: start again without one.',
    );
  });

  it('answers another customer’s nextToken with BadRequest, showing none of their orders', async () => {
    const userId = userIdOf(otherCustomer);
    await seedOrders(
      dynamodb,
      ...datesFrom('2024-05-01T00:00:00.000Z', 3).map((createdDate) => orderRecord(userId, { createdDate })),
    );
    const theirs = await ordersPage(otherCustomer, { limit: 1 });
    expect(theirs.nextToken).toEqual(expect.any(String));
    expectError(await graphql(GET_ORDERS, { nextToken: theirs.nextToken }, customer), 'getOrders', 'BadRequest');
  });
});

describe('getOrder', () => {
  it('answers the owner their order, with every field', async () => {
    const record = orderRecord(userIdOf(customer), {
      address: {
        name: 'Grace Hopper',
        companyName: 'Navy',
        streetAddress: '1 Pentagon',
        postCode: '20301',
        city: 'Arlington',
        state: 'VA',
        country: 'US',
        phoneNumber: '+15555550100',
      },
    });
    await seedOrders(dynamodb, record);
    const { subtotal: _subtotal, ...fields } = record;
    expect(await getOrder(customer, record.orderId)).toEqual(fields);
  });

  it('answers an admin any customer’s order', async () => {
    const record = orderRecord(userIdOf(customer), { status: 'IN_DELIVERY' });
    await seedOrders(dynamodb, record);
    expect(await getOrder(admin, record.orderId)).toEqual(
      expect.objectContaining({ orderId: record.orderId, userId: record.userId, status: 'IN_DELIVERY' }),
    );
  });

  it('answers null to another customer, and to warehouse staff, as if the order did not exist', async () => {
    const record = orderRecord(userIdOf(customer));
    await seedOrders(dynamodb, record);
    expect(await getOrder(otherCustomer, record.orderId)).toBeNull();
    expect(await getOrder(warehouse, record.orderId)).toBeNull();
  });

  it('answers null for an unknown order', async () => {
    expect(await getOrder(customer, uniqueId('missing-order'))).toBeNull();
    expect(await getOrder(admin, uniqueId('missing-order'))).toBeNull();
  });

  it('refuses a blank orderId with BadRequest', async () => {
    expectError(await graphql(GET_ORDER, { id: ' ' }, customer), 'getOrder', 'BadRequest', 'orderId must not be blank');
  });
});

describe('cancelOrder', () => {
  it('cancels the owner’s NEW order, recording the status it left and why', async () => {
    const record = orderRecord(userIdOf(customer), { createdDate: '2024-01-01T00:00:00.000Z' });
    await seedOrders(dynamodb, record);
    const response = await graphql<{ cancelOrder: Order }>(CANCEL, { id: record.orderId }, customer);
    expect(response.body.errors).toBeUndefined();
    const cancelled = response.body.data!.cancelOrder;
    expect(cancelled).toEqual(
      expect.objectContaining({
        orderId: record.orderId,
        status: 'CANCELLED',
        createdDate: record.createdDate,
        total: record.total,
      }),
    );
    expect(cancelled.modifiedDate > record.modifiedDate).toBe(true);
    expect(await readOrder(dynamodb, record.orderId)).toEqual({
      ...record,
      status: 'CANCELLED',
      previousStatus: 'NEW',
      statusReason: 'CANCELLED_BY_CUSTOMER',
      modifiedDate: cancelled.modifiedDate,
    });
    expect(await getOrder(customer, record.orderId)).toEqual(cancelled);
  });

  it('answers NotFound to another customer, as for an unknown order, and changes nothing', async () => {
    for (const status of ['NEW', 'PACKAGING'] as const) {
      const record = orderRecord(userIdOf(customer), { status });
      await seedOrders(dynamodb, record);
      expectError(
        await graphql(CANCEL, { id: record.orderId }, otherCustomer),
        'cancelOrder',
        'NotFound',
        `No order has the id ${record.orderId}.`,
      );
      expect(await readOrder(dynamodb, record.orderId)).toEqual(record);
    }
  });

  it('answers NotFound to an admin, who does not own the order, and changes nothing', async () => {
    const record = orderRecord(userIdOf(customer));
    await seedOrders(dynamodb, record);
    expectError(await graphql(CANCEL, { id: record.orderId }, admin), 'cancelOrder', 'NotFound');
    expect(await readOrder(dynamodb, record.orderId)).toEqual(record);
  });

  it('answers NotFound for an unknown order', async () => {
    const orderId = uniqueId('missing-order');
    expectError(await graphql(CANCEL, { id: orderId }, customer), 'cancelOrder', 'NotFound', `No order has the id ${orderId}.`);
    expect(await readOrder(dynamodb, orderId)).toBeUndefined();
  });

  it('refuses an order that is being packed with Conflict, and changes nothing', async () => {
    const record = orderRecord(userIdOf(customer), { status: 'PACKAGING', previousStatus: 'NEW' });
    await seedOrders(dynamodb, record);
    expectError(
      await graphql(CANCEL, { id: record.orderId }, customer),
      'cancelOrder',
      'Conflict',
      `Order ${record.orderId} is PACKAGING; cancelOrder needs NEW.`,
    );
    expect(await readOrder(dynamodb, record.orderId)).toEqual(record);
  });

  it('cancels once: a second cancel is a Conflict', async () => {
    const record = orderRecord(userIdOf(customer));
    await seedOrders(dynamodb, record);
    expect((await graphql(CANCEL, { id: record.orderId }, customer)).body.errors).toBeUndefined();
    const after = await readOrder(dynamodb, record.orderId);
    expectError(
      await graphql(CANCEL, { id: record.orderId }, customer),
      'cancelOrder',
      'Conflict',
      `Order ${record.orderId} is CANCELLED; cancelOrder needs NEW.`,
    );
    expect(await readOrder(dynamodb, record.orderId)).toEqual(after);
  });
});

describe('order auth', () => {
  it.each([
    ['getOrders', GET_ORDERS, {}],
    ['getOrder', GET_ORDER, { id: 'any-order' }],
    ['cancelOrder', CANCEL, { id: 'any-order' }],
  ] as const)('denies %s to a guest with Unauthorized', async (field, query, variables) => {
    expectError(await graphql(query, variables, { 'x-api-key': local.apiKey }), field, 'Unauthorized');
  });
});
