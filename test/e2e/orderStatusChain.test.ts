// The server side of live order status, on the test run's local stack: an order's status change
// goes from its table's stream to the bus, and the `publish-order-status` rule's AppSync target
// calls the IAM-only publishOrderStatus; the subscription resolver decides, on the server, who
// receives which update. (Subscribers over the real-time endpoint are tested with it.)
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import type { OrderStatusUpdate } from '../../generated/graphql.ts';
import type { Delivered, DeadLetter } from 'appsync-local/eventbridge/delivery.ts';
import type { EventBridgeEvent } from 'appsync-local/eventbridge/event.ts';
import { createInvocation } from 'appsync-local/appsync/js/invocation.ts';
import { JsEvaluator } from 'appsync-local/appsync/js/evaluator.ts';
import { applyInputTransformer, compileInputTransformer } from 'appsync-local/eventbridge/inputTransformer.ts';
import { orderStatusChanged } from '../../backend-services/orders/events.ts';
import { EVENT_RULES } from '../../system/events.ts';
import { resolverBundlePath } from '../../system/artifacts.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { createOrder, deliveryPricing, moveOrder, preauthorize } from '../support/checkout.ts';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import { orderRecord, userIdOf } from '../support/orders.ts';
import { sendSigned, signedRequest } from 'appsync-local/testing/sigv4Fetch.ts';
import { type Headers, productInput, putProduct, uniqueId } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';

const { local, testCredentials: credentials } = localStack();
const SETTLED = { timeout: 20_000, interval: 100 };

/** The operation the rule's target sends (system/events.ts). */
const PUBLISH = `mutation PublishOrderStatus($input: OrderStatusUpdateInput!) {
  publishOrderStatus(input: $input) { orderId userId status previousStatus statusReason modifiedDate }
}`;

function anUpdate(overrides: Partial<OrderStatusUpdate> = {}): Omit<OrderStatusUpdate, '__typename'> {
  return {
    orderId: uniqueId('order'),
    userId: uniqueId('user'),
    status: 'PACKAGING',
    previousStatus: 'NEW',
    statusReason: null,
    modifiedDate: '2026-03-01T10:00:00.000Z',
    ...overrides,
  };
}

function publishSigned(input: Record<string, unknown>) {
  const body = JSON.stringify({ query: PUBLISH, variables: { input } });
  return signedRequest(local.graphqlUrl, body, credentials, { region: local.region }).then((request) =>
    sendSigned<{ publishOrderStatus: OrderStatusUpdate | null }>(local.graphqlUrl, request),
  );
}

describe('publishOrderStatus', () => {
  it('answers the update it was given to an IAM-signed caller', async () => {
    const update = anUpdate();

    const response = await publishSigned(update);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { publishOrderStatus: update } });
  });

  it('answers previousStatus null when the update has none', async () => {
    const { previousStatus: _none, ...update } = anUpdate({ status: 'NEW' });

    const response = await publishSigned(update);

    expect(response.body).toEqual({ data: { publishOrderStatus: { ...update, previousStatus: null } } });
  });

  it('is Unauthorized to a signed-in user, whatever their groups', async () => {
    const customer = await createStoreUser(local, 'publisher');
    const admin = { authorization: await idTokenOf(local, 'admin') };
    for (const headers of [customer.headers, admin]) {
      const response = await postGraphQL(local.graphqlUrl, PUBLISH, { variables: { input: anUpdate() }, headers });
      expect(response.body.data).toEqual({ publishOrderStatus: null });
      expect(response.body.errors?.map((error) => error.errorType)).toEqual(['Unauthorized']);
    }
  });

  it('is Unauthorized with the API key', async () => {
    const response = await postGraphQL(local.graphqlUrl, PUBLISH, {
      variables: { input: anUpdate() },
      headers: { 'x-api-key': local.apiKey },
    });

    expect(response.body.data).toEqual({ publishOrderStatus: null });
    expect(response.body.errors?.map((error) => error.errorType)).toEqual(['Unauthorized']);
  });
});

describe("the publish-order-status rule's input", () => {
  const rule = EVENT_RULES.find((candidate) => candidate.name === 'publish-order-status')!;
  const [target] = rule.targets;
  const transformer = compileInputTransformer('appsync-publish-order-status', target!.inputTransformer!);

  function inputOf(detail: Record<string, unknown>) {
    const event: EventBridgeEvent = {
      version: '0',
      id: 'event-1',
      'detail-type': 'OrderStatusChanged',
      source: 'ecommerce.orders',
      account: '000000000000',
      time: '2026-03-01T10:00:00Z',
      region: 'eu-west-1',
      resources: [],
      detail,
    };
    return applyInputTransformer(transformer, event, { ruleArn: 'arn', ruleName: rule.name, ingestionTime: event.time });
  }

  it('is the variables of publishOrderStatus, built from the detail of OrderStatusChanged alone', () => {
    const line = {
      productId: 'p-1',
      name: 'Lamp',
      price: 100,
      quantity: 2,
      package: { width: 1, length: 1, height: 1, weight: 1 },
    };
    const old = orderRecord('u-1', [line], { orderId: 'o-1', modifiedDate: '2026-03-01T09:00:00.000Z' });
    const changed = orderStatusChanged(old, {
      ...old,
      status: 'PACKAGING',
      previousStatus: 'NEW',
      modifiedDate: '2026-03-01T10:00:00.000Z',
    })!;

    expect(inputOf({ ...changed.detail })).toEqual({
      input: {
        orderId: 'o-1',
        userId: 'u-1',
        status: 'PACKAGING',
        previousStatus: 'NEW',
        statusReason: null,
        modifiedDate: '2026-03-01T10:00:00.000Z',
      },
    });
  });

  it("carries the order's statusReason when the change has one", () => {
    const detail = {
      orderId: 'o-3',
      userId: 'u-3',
      status: 'CANCELLED',
      previousStatus: 'NEW',
      statusReason: 'CANCELLED_BY_CUSTOMER',
    };
    expect(inputOf({ ...detail, modifiedDate: '2026-03-01T10:00:00.000Z' })).toEqual({
      input: { ...detail, modifiedDate: '2026-03-01T10:00:00.000Z' },
    });
  });

  it('is valid JSON with previousStatus null when the detail has none, and keeps quotes in values', () => {
    expect(inputOf({ orderId: 'o-"2"', userId: 'u\\2', status: 'NEW', modifiedDate: '2026-03-01T10:00:00.000Z' })).toEqual({
      input: {
        orderId: 'o-"2"',
        userId: 'u\\2',
        status: 'NEW',
        previousStatus: null,
        statusReason: null,
        modifiedDate: '2026-03-01T10:00:00.000Z',
      },
    });
  });

  it('matches OrderCreated and OrderStatusChanged from ecommerce.orders', () => {
    expect(rule.eventPattern).toEqual({ source: ['ecommerce.orders'], 'detail-type': ['OrderCreated', 'OrderStatusChanged'] });
    expect(target!.type).toBe('APPSYNC');
  });
});

describe('the publish-order-status rule', () => {
  let admin: Headers;
  let warehouse: Headers;

  beforeAll(async () => {
    admin = { authorization: await idTokenOf(local, 'admin') };
    warehouse = (await createStoreUser(local, 'chain-warehouse', ['warehouse'])).headers;
  });

  it("delivers an order's status change to publishOrderStatus through the AppSync target, and dead-letters nothing", async () => {
    const shopper = (await createStoreUser(local, 'chain-shopper')).headers;
    const product = await putProduct(
      local.graphqlUrl,
      admin,
      productInput({ productId: uniqueId('chain'), price: 800, stock: 3 }),
    );
    const products = [{ productId: product.productId, quantity: 1 }];
    const deliveryPrice = await deliveryPricing(local, shopper, products);
    const paymentToken = await preauthorize(local, product.price + deliveryPrice);
    const placed = await createOrder(local, shopper, { products, deliveryPrice, paymentToken });
    expect(placed.success).toBe(true);
    const orderId = placed.order!.orderId;

    const moved = await moveOrder(local, warehouse, 'startPackaging', orderId);
    expect(moved.body.errors).toBeUndefined();

    let changed: EventBridgeEvent | undefined;
    await expect
      .poll(
        async () => (changed = (await busGet<EventBridgeEvent[]>('/events')).find((event) => isStatusChange(event, orderId))),
        SETTLED,
      )
      .toBeDefined();
    expect(changed!.detail).toMatchObject({ orderId, userId: userIdOf(shopper), status: 'PACKAGING', previousStatus: 'NEW' });

    await expect
      .poll(
        async () =>
          (await busGet<Delivered[]>('/deliveries')).filter((delivered) => delivered.eventId === changed!.id).map(summary),
        SETTLED,
      )
      .toContainEqual({ rule: 'publish-order-status', target: 'appsync-publish-order-status', detailType: 'OrderStatusChanged' });
    const deadLetters = await busGet<DeadLetter[]>('/dead-letters');
    expect(deadLetters.filter((letter) => letter.rule.name === 'publish-order-status').map((letter) => letter.lastError)).toEqual(
      [],
    );
  });
});

describe('the onOrderStatusChanged resolver', () => {
  // The bundle AppSync runs, run as the local runtime runs it at subscribe time.
  const evaluator = new JsEvaluator();
  const code = evaluator.load(
    readFileSync(resolverBundlePath('Subscription', 'onOrderStatusChanged'), 'utf8'),
    'Subscription.onOrderStatusChanged.js',
  );

  function subscribe(identity: { sub: string; groups: string[] | null }, args: Record<string, unknown>) {
    const ctx = {
      arguments: args,
      args,
      identity: { ...identity, username: identity.sub, claims: {} },
      source: null,
      stash: {},
      prev: { result: null },
      result: null,
    };
    // As the runtime's resolver runner evaluates them: the resolver's own handlers of a
    // Subscription field (extensions.setSubscriptionFilter is refused anywhere else).
    const invocation = createInvocation(
      'AMAZON_COGNITO_USER_POOLS',
      {},
      { field: { typeName: 'Subscription', fieldName: 'onOrderStatusChanged', root: 'subscription' } },
    );
    invocation.running = { code: 'resolver', handler: 'request' };
    const request = evaluator.evaluate(code, 'request', ctx, invocation);
    invocation.running = { code: 'resolver', handler: 'response' };
    const response = evaluator.evaluate(code, 'response', ctx, invocation);
    return { request, response, filter: invocation.subscriptionFilter };
  }

  it('filters a customer to their own orders, whatever orderId they send, and returns null', () => {
    const own = subscribe({ sub: 'customer-1', groups: null }, {});
    expect(own.response).toEqual({ kind: 'value', value: null });
    expect(own.filter).toEqual({ filterGroup: [{ filters: [{ fieldName: 'userId', operator: 'eq', value: 'customer-1' }] }] });

    const someoneElses = subscribe({ sub: 'customer-1', groups: [] }, { orderId: 'order-of-customer-2' });
    expect(someoneElses.filter).toEqual({
      filterGroup: [
        {
          filters: [
            { fieldName: 'userId', operator: 'eq', value: 'customer-1' },
            { fieldName: 'orderId', operator: 'eq', value: 'order-of-customer-2' },
          ],
        },
      ],
    });
  });

  it.each(['admin', 'warehouse', 'delivery'])('lets %s receive every order, or the one orderId names', (group) => {
    expect(subscribe({ sub: 'staff-1', groups: [group] }, {}).filter).toBeUndefined();
    expect(subscribe({ sub: 'staff-1', groups: ['other', group] }, { orderId: 'order-9' }).filter).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'orderId', operator: 'eq', value: 'order-9' }] }],
    });
  });
});

async function busGet<T>(path: string): Promise<T> {
  return (await (await fetch(new URL(path, local.eventBusEndpoint))).json()) as T;
}

function isStatusChange(event: EventBridgeEvent, orderId: string): boolean {
  return event['detail-type'] === 'OrderStatusChanged' && event.detail['orderId'] === orderId;
}

function summary(delivered: Delivered) {
  return { rule: delivered.rule, target: delivered.target.id, detailType: delivered.detailType };
}
