// createOrder and placeOrder through GraphQL over HTTP. First how the resolvers call the orders
// service and map whatever it answers, on an API whose orders service is a stub; then the same
// mutations on the test run's local stack, with the real orders and payment services behind them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import type { CreateOrderRequest, CreateOrderResponse, Order, PlaceOrderInput } from '../../generated/graphql.ts';
import { ADDRESS, deliveryPricing, preauthorize } from '../support/checkout.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import { type LocalApi, startLocalApi } from '../support/localApi.ts';
import { ORDER_SELECTION, readOrder, userIdOf } from '../support/orders.ts';
import { json, type ServiceStub, startServiceStub } from '../support/serviceStub.ts';
import { productInput, putProduct, storeClient, uniqueId, type Headers } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';

const RESPONSE = `success message errors { code message productId } order { ${ORDER_SELECTION} }`;
const CREATE = `mutation ($order: CreateOrderRequest!, $key: String) { createOrder(order: $order, idempotencyKey: $key) { ${RESPONSE} } }`;
const PLACE = `mutation ($input: PlaceOrderInput!, $key: String) { placeOrder(input: $input, idempotencyKey: $key) { ${RESPONSE} } }`;

type Placement = { createOrder: CreateOrderResponse } | { placeOrder: CreateOrderResponse };

const ORDER_REQUEST: CreateOrderRequest = {
  products: [{ productId: 'demo-books-01', quantity: 2 }],
  address: ADDRESS,
  deliveryPrice: 1000,
  paymentToken: 'tok_test',
};

const PLACE_INPUT: PlaceOrderInput = { address: ADDRESS, deliveryPrice: 1000, paymentToken: 'tok_test' };

function unavailable(detail: string | RegExp): CreateOrderResponse {
  return {
    success: false,
    message: 'Orders cannot be placed right now: nothing was ordered or charged. Try again in a moment.',
    errors: [
      {
        code: 'SERVICE_UNAVAILABLE',
        message: typeof detail === 'string' ? detail : expect.stringMatching(detail),
        productId: null,
      },
    ],
    order: null,
  };
}

describe('createOrder and placeOrder, as the orders service answers', () => {
  let stub: ServiceStub;
  let api: LocalApi;
  let shopper: Headers;

  const placed: Omit<Order, 'payment' | 'invoice' | 'creditNotes' | 'statusReason'> = {
    orderId: 'order-1',
    userId: 'sub-stub-shopper',
    status: 'NEW',
    products: [
      {
        productId: 'demo-books-01',
        name: 'The Pragmatic Programmer',
        price: 3999,
        quantity: 2,
        package: { width: 190, length: 235, height: 30, weight: 900 },
      },
    ],
    address: { ...ADDRESS, companyName: null, postCode: '75002', state: null, country: 'FR' },
    deliveryPrice: 1000,
    total: 8998,
    createdDate: '2024-01-01T00:00:00.000Z',
    modifiedDate: '2024-01-01T00:00:00.000Z',
  };

  beforeAll(async () => {
    stub = await startServiceStub();
    api = await startLocalApi({ serviceUrls: { orders: stub.origin } });
    shopper = { authorization: await api.issuer.idToken({ username: 'stub-shopper', sub: 'sub-stub-shopper' }) };
  });

  afterAll(async () => {
    await api?.close();
    await stub?.close();
  });

  async function call(
    query: string,
    variables: Record<string, unknown>,
    headers: Headers = shopper,
  ): Promise<CreateOrderResponse> {
    const response = await postGraphQL<Placement>(api.graphqlUrl, query, { variables, headers });
    expect(response.body.errors).toBeUndefined();
    const data = response.body.data!;
    return 'createOrder' in data ? data.createOrder : data.placeOrder;
  }

  it('createOrder posts the caller’s id and email address, the order and the key to POST /orders, signed, and answers a success as is', async () => {
    const success = { success: true, message: 'Order placed.', errors: [], order: placed };
    stub.answerWith(json(200, success));
    const before = stub.requests.length;
    expect(await call(CREATE, { order: ORDER_REQUEST, key: 'key-1' })).toEqual(success);
    const [request] = stub.requests.slice(before);
    expect(request).toEqual(expect.objectContaining({ method: 'POST', path: '/prod/orders' }));
    expect(request!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=\S+\/execute-api\/aws4_request/);
    // The ID token's email claim: where the order's emails go.
    expect(JSON.parse(request!.body)).toEqual({
      userId: 'sub-stub-shopper',
      customerEmail: 'stub-shopper@example.com',
      order: ORDER_REQUEST,
      idempotencyKey: 'key-1',
    });
  });

  it('placeOrder posts the caller’s id, the input and the key to POST /checkout; a missing key is null', async () => {
    stub.answerWith(json(200, { success: true, message: 'Order placed.', errors: [], order: placed }));
    const before = stub.requests.length;
    expect((await call(PLACE, { input: PLACE_INPUT })).order).toEqual(placed);
    const [request] = stub.requests.slice(before);
    expect(request).toEqual(expect.objectContaining({ method: 'POST', path: '/prod/checkout' }));
    expect(JSON.parse(request!.body)).toEqual({
      userId: 'sub-stub-shopper',
      customerEmail: 'stub-shopper@example.com',
      input: PLACE_INPUT,
      idempotencyKey: null,
    });
  });

  it('sends each caller’s own id', async () => {
    stub.answerWith(
      json(422, {
        success: false,
        message: 'Your cart is empty.',
        errors: [{ code: 'EMPTY_CART', message: 'Your cart is empty.' }],
        order: null,
      }),
    );
    const other = { authorization: await api.issuer.idToken({ username: 'stub-other', sub: 'sub-stub-other' }) };
    const before = stub.requests.length;
    await call(PLACE, { input: PLACE_INPUT }, other);
    expect(JSON.parse(stub.requests[before]!.body).userId).toBe('sub-stub-other');
  });

  it.each([
    [
      'a business refusal (422)',
      422,
      { code: 'OUT_OF_STOCK', message: 'Only 1 of demo-books-01 is left.', productId: 'demo-books-01' },
    ],
    [
      'an outage behind the service (503)',
      503,
      { code: 'SERVICE_UNAVAILABLE', message: 'The payment service did not answer.', productId: null },
    ],
  ])('answers %s as data, as the service put it', async (_, status, error) => {
    const refusal = { success: false, message: error.message, errors: [error], order: null };
    stub.answerWith(json(status, refusal));
    expect(await call(CREATE, { order: ORDER_REQUEST })).toEqual(refusal);
    expect(await call(PLACE, { input: PLACE_INPUT })).toEqual(refusal);
  });

  it.each([
    ['a gateway’s HTML page', { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' }, 502],
    ['API Gateway’s refusal', json(403, { message: 'Forbidden' }), 403],
    ['an empty body', { status: 500, body: '' }, 500],
    ['a JSON array', json(200, [1, 2]), 200],
  ])('answers SERVICE_UNAVAILABLE as data when the service answers %s', async (_, answer, status) => {
    stub.answerWith(answer);
    const expected = unavailable(`The orders service answered HTTP ${status} without an order response.`);
    expect(await call(CREATE, { order: ORDER_REQUEST })).toEqual(expected);
    expect(await call(PLACE, { input: PLACE_INPUT })).toEqual(expected);
  });

  it('answers SERVICE_UNAVAILABLE as data when the service cannot be reached', async () => {
    const offline = await startLocalApi();
    try {
      const caller = { authorization: await offline.issuer.idToken({ username: 'offline-shopper' }) };
      for (const [query, variables] of [
        [CREATE, { order: ORDER_REQUEST }],
        [PLACE, { input: PLACE_INPUT }],
      ] as const) {
        const response = await postGraphQL<Placement>(offline.graphqlUrl, query, { variables, headers: caller });
        expect(response.body.errors).toBeUndefined();
        expect(Object.values(response.body.data!)[0]).toEqual(unavailable(/^The orders service could not be reached: /));
      }
    } finally {
      await offline.close();
    }
  });

  it('is denied to guests with Unauthorized, and never calls the service', async () => {
    const before = stub.requests.length;
    const response = await postGraphQL(api.graphqlUrl, CREATE, {
      variables: { order: ORDER_REQUEST },
      headers: { 'x-api-key': api.apiKey },
    });
    expect(response.body).toEqual({
      data: null,
      errors: [expect.objectContaining({ path: ['createOrder'], errorType: 'Unauthorized' })],
    });
    expect(stub.requests.length).toBe(before);
  });
});

// These need the orders and payment services of issue 5 running in the local stack.
describe('createOrder and placeOrder on the local stack', () => {
  const { local, dynamodbEndpoint: dynamodb } = localStack();
  const graphql = storeClient(local.graphqlUrl);
  let shopper: Headers;
  let productId: string;

  beforeAll(async () => {
    shopper = (await createStoreUser(local, 'placement-shopper')).headers;
    const admin = { authorization: await idTokenOf(local, 'admin') };
    productId = (
      await putProduct(local.graphqlUrl, admin, productInput({ productId: uniqueId('placement-lamp'), price: 4900, stock: 50 }))
    ).productId;
  });

  async function place(query: string, variables: Record<string, unknown>): Promise<CreateOrderResponse> {
    const response = await graphql<Placement>(query, variables, shopper);
    expect(response.body.errors).toBeUndefined();
    return Object.values(response.body.data!)[0] as CreateOrderResponse;
  }

  it('createOrder places the caller’s order, which getOrder and getOrders then answer', async () => {
    const products = [{ productId, quantity: 2 }];
    const deliveryPrice = await deliveryPricing(local, shopper, products);
    const paymentToken = await preauthorize(local, 2 * 4900 + deliveryPrice);
    const answer = await place(CREATE, {
      order: { products, address: ADDRESS, deliveryPrice, paymentToken },
      key: uniqueId('key'),
    });
    expect(answer).toEqual(expect.objectContaining({ success: true, errors: [] }));
    const order = answer.order!;
    expect(order).toEqual(
      expect.objectContaining({ userId: userIdOf(shopper), status: 'NEW', deliveryPrice, total: 2 * 4900 + deliveryPrice }),
    );
    expect(order.products).toEqual([expect.objectContaining({ productId, quantity: 2, price: 4900 })]);

    const fetched = await graphql<{ getOrder: Order }>(
      `query ($id: ID!) { getOrder(orderId: $id) { ${ORDER_SELECTION} } }`,
      { id: order.orderId },
      shopper,
    );
    expect(fetched.body).toEqual({ data: { getOrder: order } });
    const listed = await graphql<{ getOrders: { orders: Order[] } }>(
      `query { getOrders(limit: 1) { orders { ${ORDER_SELECTION} } } }`,
      {},
      shopper,
    );
    expect(listed.body.data!.getOrders.orders).toEqual([order]);
    expect(JSON.stringify(await readOrder(dynamodb, order.orderId))).not.toContain(paymentToken);
  });

  it('createOrder answers a business refusal as data, not as a GraphQL error', async () => {
    const products = [{ productId, quantity: 1 }];
    const deliveryPrice = await deliveryPricing(local, shopper, products);
    const paymentToken = await preauthorize(local, 4900 + deliveryPrice + 1);
    const answer = await place(CREATE, { order: { products, address: ADDRESS, deliveryPrice: deliveryPrice + 1, paymentToken } });
    expect(answer).toEqual({
      success: false,
      message: expect.any(String),
      errors: [expect.objectContaining({ code: 'WRONG_DELIVERY_PRICE' })],
      order: null,
    });
  });

  it('placeOrder answers EMPTY_CART as data for an empty cart', async () => {
    const paymentToken = await preauthorize(local, 1000);
    const answer = await place(PLACE, { input: { address: ADDRESS, deliveryPrice: 1000, paymentToken } });
    expect(answer).toEqual({
      success: false,
      message: expect.any(String),
      errors: [expect.objectContaining({ code: 'EMPTY_CART' })],
      order: null,
    });
  });

  it('placeOrder checks out the caller’s cart and empties it', async () => {
    const added = await graphql(
      `
        mutation ($id: ID!) {
          addToCart(productId: $id, quantity: 3) {
            subtotal
          }
        }
      `,
      { id: productId },
      shopper,
    );
    expect(added.body.errors).toBeUndefined();
    const deliveryPrice = await deliveryPricing(local, shopper, [{ productId, quantity: 3 }]);
    const paymentToken = await preauthorize(local, 3 * 4900 + deliveryPrice);
    const answer = await place(PLACE, { input: { address: ADDRESS, deliveryPrice, paymentToken } });
    expect(answer).toEqual(expect.objectContaining({ success: true, errors: [] }));
    expect(answer.order).toEqual(
      expect.objectContaining({ userId: userIdOf(shopper), status: 'NEW', total: 3 * 4900 + deliveryPrice }),
    );
    const cart = await graphql(
      `
        query {
          getCart {
            items {
              productId
            }
          }
        }
      `,
      {},
      shopper,
    );
    expect(cart.body).toEqual({ data: { getCart: { items: [] } } });
  });
});
