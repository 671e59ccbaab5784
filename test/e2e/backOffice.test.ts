// The back office through GraphQL over HTTP on the test run's local stack: the warehouse's and the
// delivery staff's queues and the six status changes, by users made for this file in each group.
// Orders are seeded straight into the orders table, in whatever status a test needs.
import { beforeAll, describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import { expectError } from '../support/graphqlAssertions.ts';
import type {
  Delivery,
  DeliveryPage,
  Order,
  OrderStatus,
  PackagingRequest,
  PackagingRequestPage,
} from '../../generated/graphql.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import type { GraphQLHttpResponse } from 'appsync-local/testing/graphql.ts';
import {
  datesFrom,
  ORDER_SELECTION,
  ORDER_STATUSES,
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

type Staff = 'warehouse' | 'delivery';

interface Step {
  field: string;
  from: OrderStatus;
  to: OrderStatus;
  /** The group whose work the step is (admins may take every step). */
  group: Staff;
}

const STEPS: readonly Step[] = [
  { field: 'startPackaging', from: 'NEW', to: 'PACKAGING', group: 'warehouse' },
  { field: 'completePackaging', from: 'PACKAGING', to: 'PACKAGED', group: 'warehouse' },
  { field: 'failPackaging', from: 'PACKAGING', to: 'PACKAGING_FAILED', group: 'warehouse' },
  { field: 'startDelivery', from: 'PACKAGED', to: 'IN_DELIVERY', group: 'delivery' },
  { field: 'completeDelivery', from: 'IN_DELIVERY', to: 'FULFILLED', group: 'delivery' },
  { field: 'failDelivery', from: 'IN_DELIVERY', to: 'DELIVERY_FAILED', group: 'delivery' },
];

const PICK_LIST = 'orderId status products { productId quantity }';
const DELIVERY = 'orderId status address { name companyName streetAddress postCode city state country phoneNumber }';
const PACKAGING_QUEUE = `query ($limit: Int, $nextToken: String) { getNewPackagingRequests(limit: $limit, nextToken: $nextToken) { packagingRequests { ${PICK_LIST} } nextToken } }`;
const PACKAGING_REQUEST = `query ($id: ID!) { getPackagingRequest(orderId: $id) { ${PICK_LIST} } }`;
const DELIVERY_QUEUE = `query ($limit: Int, $nextToken: String) { getNewDeliveries(limit: $limit, nextToken: $nextToken) { deliveries { ${DELIVERY} } nextToken } }`;
const DELIVERY_REQUEST = `query ($id: ID!) { getDelivery(orderId: $id) { ${DELIVERY} } }`;

let customer: Headers;
let admin: Headers;
let staff: Record<Staff, Headers>;
/** Two products of this file's, as the lines of every seeded order. */
let lines: OrderLine[];

beforeAll(async () => {
  const catalogAdmin = { authorization: await idTokenOf(local, 'admin') };
  const [lamp, mug] = await Promise.all([
    putProduct(
      local.graphqlUrl,
      catalogAdmin,
      productInput({ productId: uniqueId('back-office-lamp'), name: 'Lamp', price: 4900 }),
    ),
    putProduct(local.graphqlUrl, catalogAdmin, productInput({ productId: uniqueId('back-office-mug'), name: 'Mug', price: 250 })),
  ]);
  lines = [orderLine(lamp, 2), orderLine(mug, 5)];
  const users = await Promise.all([
    createStoreUser(local, 'back-office-customer'),
    createStoreUser(local, 'back-office-admin', ['admin']),
    createStoreUser(local, 'back-office-warehouse', ['warehouse']),
    createStoreUser(local, 'back-office-delivery', ['delivery']),
  ]);
  customer = users[0].headers;
  admin = users[1].headers;
  staff = { warehouse: users[2].headers, delivery: users[3].headers };
});

function otherGroup(group: Staff): Staff {
  return group === 'warehouse' ? 'delivery' : 'warehouse';
}

/** A seeded order of the customer's, in `status`. */
async function seedOrder(status: OrderStatus, overrides: Partial<OrderRecord> = {}): Promise<OrderRecord> {
  const record = seededOrder(userIdOf(customer), lines, { status, ...overrides });
  await seedOrders(dynamodb, record);
  return record;
}

function move(field: string, orderId: string, caller: Headers): Promise<GraphQLHttpResponse<Record<string, Order | null>>> {
  return graphql<Record<string, Order | null>>(
    `mutation ($id: ID!) { ${field}(orderId: $id) { ${ORDER_SELECTION} } }`,
    { id: orderId },
    caller,
  );
}

function expectUnauthorized(response: GraphQLHttpResponse, field: string, typeName: 'Query' | 'Mutation'): void {
  expectError(response, field, 'Unauthorized', `Not Authorized to access ${field} on type ${typeName}`);
}

describe('status changes', () => {
  it.each(STEPS)('$field takes an order from $from to $to for $group staff', async ({ field, from, to, group }) => {
    const record = await seedOrder(from, { createdDate: '2024-02-01T00:00:00.000Z' });
    const response = await move(field, record.orderId, staff[group]);
    expect(response.body.errors).toBeUndefined();
    const { subtotal: _subtotal, ...fields } = record;
    const moved = response.body.data![field]!;
    expect(moved).toEqual({
      ...fields,
      address: { ...record.address, companyName: null, postCode: null, state: null },
      status: to,
      modifiedDate: expect.any(String),
    });
    expect(moved.modifiedDate > record.modifiedDate).toBe(true);
    expect(await readOrder(dynamodb, record.orderId)).toEqual({
      ...record,
      status: to,
      previousStatus: from,
      modifiedDate: moved.modifiedDate,
    });
  });

  it.each(STEPS)('$field is open to admins', async ({ field, from, to }) => {
    const record = await seedOrder(from);
    const response = await move(field, record.orderId, admin);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data![field]).toEqual(expect.objectContaining({ orderId: record.orderId, status: to }));
  });

  it.each(STEPS)(
    '$field is denied to the order’s owner and to the other group’s staff (Unauthorized), changing nothing',
    async ({ field, from, group }) => {
      const record = await seedOrder(from);
      expectUnauthorized(await move(field, record.orderId, customer), field, 'Mutation');
      expectUnauthorized(await move(field, record.orderId, staff[otherGroup(group)]), field, 'Mutation');
      expect(await readOrder(dynamodb, record.orderId)).toEqual(record);
    },
  );

  it.each(STEPS)('$field answers NotFound for an unknown order, and writes nothing', async ({ field, group }) => {
    const orderId = uniqueId('missing-order');
    expectError(await move(field, orderId, staff[group]), field, 'NotFound', `No order has the id ${orderId}.`);
    expect(await readOrder(dynamodb, orderId)).toBeUndefined();
  });

  const illegal = [...STEPS, { field: 'cancelOrder', from: 'NEW', to: 'CANCELLED', group: null } as const].flatMap((step) =>
    ORDER_STATUSES.filter((status) => status !== step.from).map((status) => ({ ...step, status })),
  );

  it.each(illegal)('$field on a $status order is a Conflict and changes nothing', async ({ field, from, group, status }) => {
    const record = await seedOrder(status);
    const caller = group === null ? customer : staff[group];
    expectError(
      await move(field, record.orderId, caller),
      field,
      'Conflict',
      `Order ${record.orderId} is ${status}; ${field} needs ${from}.`,
    );
    expect(await readOrder(dynamodb, record.orderId)).toEqual(record);
  });

  it('takes a step once when several staff take it at the same time; the others get Conflict', async () => {
    const record = await seedOrder('NEW');
    const responses = await Promise.all(Array.from({ length: 5 }, () => move('startPackaging', record.orderId, staff.warehouse)));
    const succeeded = responses.filter((response) => !response.body.errors);
    expect(succeeded).toHaveLength(1);
    for (const response of responses.filter((r) => r.body.errors)) {
      expectError(response, 'startPackaging', 'Conflict');
      expect(response.body.errors![0]!.message).toMatch(
        new RegExp(
          `^Order ${record.orderId} (is PACKAGING; startPackaging needs NEW\\.|changed while startPackaging was running \\(it is now PACKAGING\\): nothing was done\\.)$`,
        ),
      );
    }
    expect(await readOrder(dynamodb, record.orderId)).toEqual({
      ...record,
      status: 'PACKAGING',
      previousStatus: 'NEW',
      modifiedDate: succeeded[0]!.body.data!.startPackaging!.modifiedDate,
    });
  });

  it('carries an order from NEW to FULFILLED, which its owner then sees', async () => {
    const record = await seedOrder('NEW');
    for (const field of ['startPackaging', 'completePackaging']) {
      expect((await move(field, record.orderId, staff.warehouse)).body.errors).toBeUndefined();
    }
    for (const field of ['startDelivery', 'completeDelivery']) {
      expect((await move(field, record.orderId, staff.delivery)).body.errors).toBeUndefined();
    }
    const seen = await graphql<{ getOrder: Order | null }>(
      `
        query ($id: ID!) {
          getOrder(orderId: $id) {
            status
          }
        }
      `,
      { id: record.orderId },
      customer,
    );
    expect(seen.body).toEqual({ data: { getOrder: { status: 'FULFILLED' } } });
    expect(await readOrder(dynamodb, record.orderId)).toEqual(
      expect.objectContaining({ status: 'FULFILLED', previousStatus: 'IN_DELIVERY' }),
    );
  });
});

interface Queue<T> {
  field: 'getNewPackagingRequests' | 'getNewDeliveries';
  listField: 'packagingRequests' | 'deliveries';
  query: string;
  status: OrderStatus;
  group: Staff;
  expected: (record: OrderRecord) => T;
}

const QUEUES: readonly Queue<PackagingRequest | Delivery>[] = [
  {
    field: 'getNewPackagingRequests',
    listField: 'packagingRequests',
    query: PACKAGING_QUEUE,
    status: 'NEW',
    group: 'warehouse',
    expected: (record) => ({
      orderId: record.orderId,
      status: record.status,
      products: record.products.map(({ productId, quantity }) => ({ productId, quantity })),
    }),
  },
  {
    field: 'getNewDeliveries',
    listField: 'deliveries',
    query: DELIVERY_QUEUE,
    status: 'PACKAGED',
    group: 'delivery',
    expected: (record) => ({
      orderId: record.orderId,
      status: record.status,
      address: { companyName: null, postCode: null, state: null, ...record.address },
    }),
  },
];

async function queuePage<T>(queue: Queue<T>, caller: Headers, variables: { limit?: number; nextToken?: string | null }) {
  const response = await graphql<Record<string, PackagingRequestPage & DeliveryPage>>(queue.query, variables, caller);
  expect(response.body.errors).toBeUndefined();
  const page = response.body.data![queue.field]!;
  return { items: page[queue.listField] as unknown as T[], nextToken: page.nextToken };
}

describe.each(QUEUES)('$field', (queue) => {
  it(`pages through the ${queue.status} orders oldest first, each exactly once, and no others`, async () => {
    // Older than any other test's orders, so these lead the queue in the order they were placed.
    const dates = datesFrom(queue.status === 'NEW' ? '2001-01-01T00:00:00.000Z' : '2001-06-01T00:00:00.000Z', 5);
    const queued = [2, 0, 4, 1, 3].map((i) =>
      seededOrder(userIdOf(customer), lines, { status: queue.status, createdDate: dates[i]! }),
    );
    const others = ORDER_STATUSES.filter((status) => status !== queue.status).map((status) =>
      seededOrder(userIdOf(customer), lines, { status }),
    );
    await seedOrders(dynamodb, ...queued, ...others);
    const inDateOrder = [...queued].sort((a, b) => a.createdDate.localeCompare(b.createdDate));

    const seen: (PackagingRequest | Delivery)[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const page: { items: (PackagingRequest | Delivery)[]; nextToken: string | null } = await queuePage(
        queue,
        staff[queue.group],
        { limit: 2, nextToken },
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken && pages < 500);

    expect(nextToken).toBeNull();
    expect(seen.slice(0, 5)).toEqual(inDateOrder.map(queue.expected));
    expect(seen.every((item) => item.status === queue.status)).toBe(true);
    const ids = seen.map((item) => item.orderId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const record of others) expect(ids).not.toContain(record.orderId);
  });

  it('drops an order from the queue once it moves on', async () => {
    const record = await seedOrder(queue.status, { createdDate: '2002-01-01T00:00:00.000Z' });
    const firstPage = async () => (await queuePage(queue, admin, { limit: 100 })).items.map((item) => item.orderId);
    expect(await firstPage()).toContain(record.orderId);
    const step = STEPS.find((candidate) => candidate.from === queue.status)!;
    expect((await move(step.field, record.orderId, staff[queue.group])).body.errors).toBeUndefined();
    expect(await firstPage()).not.toContain(record.orderId);
  });

  it('answers a malformed nextToken, or another list’s, with BadRequest', async () => {
    expectError(
      await graphql(queue.query, { nextToken: 'not-a-token' }, admin),
      queue.field,
      'BadRequest',
      'nextToken is not a token this list issued: start again without one.',
    );
    const otherQueue = QUEUES.find((candidate) => candidate !== queue)!;
    await seedOrders(
      dynamodb,
      ...datesFrom('2003-01-01T00:00:00.000Z', 2).map((createdDate) =>
        seededOrder(userIdOf(customer), lines, { status: otherQueue.status, createdDate }),
      ),
    );
    const { nextToken } = await queuePage(otherQueue, admin, { limit: 1 });
    expect(nextToken).toEqual(expect.any(String));
    expectError(await graphql(queue.query, { nextToken }, admin), queue.field, 'BadRequest');
  });

  it(`is denied to customers and to ${otherGroup(queue.group)} staff with Unauthorized`, async () => {
    expectUnauthorized(await graphql(queue.query, {}, customer), queue.field, 'Query');
    expectUnauthorized(await graphql(queue.query, {}, staff[otherGroup(queue.group)]), queue.field, 'Query');
  });
});

describe('getPackagingRequest', () => {
  it('answers one order’s pick list in any status to warehouse staff and admins', async () => {
    for (const status of ['NEW', 'FULFILLED'] as const) {
      const record = await seedOrder(status);
      for (const caller of [staff.warehouse, admin]) {
        const response = await graphql(PACKAGING_REQUEST, { id: record.orderId }, caller);
        expect(response.body).toEqual({
          data: {
            getPackagingRequest: {
              orderId: record.orderId,
              status,
              products: lines.map(({ productId, quantity }) => ({ productId, quantity })),
            },
          },
        });
      }
    }
  });

  it('answers null for an unknown order', async () => {
    expect((await graphql(PACKAGING_REQUEST, { id: uniqueId('missing-order') }, staff.warehouse)).body).toEqual({
      data: { getPackagingRequest: null },
    });
  });

  it('is denied to customers, the order’s owner included, and to delivery staff with Unauthorized', async () => {
    const record = await seedOrder('NEW');
    expectUnauthorized(await graphql(PACKAGING_REQUEST, { id: record.orderId }, customer), 'getPackagingRequest', 'Query');
    expectUnauthorized(await graphql(PACKAGING_REQUEST, { id: record.orderId }, staff.delivery), 'getPackagingRequest', 'Query');
  });
});

describe('getDelivery', () => {
  it('answers where one order goes, in any status, to delivery staff and admins', async () => {
    const address = {
      name: 'Grace Hopper',
      companyName: 'Navy',
      streetAddress: '1 Pentagon',
      postCode: '20301',
      city: 'Arlington',
      state: 'VA',
      country: 'US',
      phoneNumber: '+15555550100',
    };
    for (const status of ['PACKAGED', 'IN_DELIVERY'] as const) {
      const record = await seedOrder(status, { address });
      for (const caller of [staff.delivery, admin]) {
        const response = await graphql(DELIVERY_REQUEST, { id: record.orderId }, caller);
        expect(response.body).toEqual({ data: { getDelivery: { orderId: record.orderId, status, address } } });
      }
    }
  });

  it('answers absent optional address fields as null', async () => {
    const record = await seedOrder('PACKAGED');
    const response = await graphql<{ getDelivery: Delivery }>(DELIVERY_REQUEST, { id: record.orderId }, staff.delivery);
    expect(response.body.data!.getDelivery.address).toEqual({
      ...record.address,
      companyName: null,
      postCode: null,
      state: null,
    });
  });

  it('answers null for an unknown order', async () => {
    expect((await graphql(DELIVERY_REQUEST, { id: uniqueId('missing-order') }, staff.delivery)).body).toEqual({
      data: { getDelivery: null },
    });
  });

  it('is denied to customers, the order’s owner included, and to warehouse staff with Unauthorized', async () => {
    const record = await seedOrder('PACKAGED');
    expectUnauthorized(await graphql(DELIVERY_REQUEST, { id: record.orderId }, customer), 'getDelivery', 'Query');
    expectUnauthorized(await graphql(DELIVERY_REQUEST, { id: record.orderId }, staff.warehouse), 'getDelivery', 'Query');
  });
});
