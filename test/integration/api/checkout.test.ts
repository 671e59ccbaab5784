// createOrder and placeOrder through GraphQL over HTTP, on the local AppSync runtime with the real
// resolver bundles, and a stub standing for the orders service: how the resolvers call the service
// and what a shopper is told for whatever it answers, or when it answers too late. The same
// mutations with the real services behind them: test/e2e/ordersPlacement.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateOrderRequest, CreateOrderResponse, Order, PlaceOrderInput } from '../../../generated/graphql.ts';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import { SYSTEM } from '../../../system/index.ts';
import { ADDRESS } from '../../support/checkout.ts';
import { type LocalApi, startLocalApi } from '../../support/localApi.ts';
import { ORDER_SELECTION } from '../../support/orders.ts';
import { json, type ServiceStub, startServiceStub } from '../../support/serviceStub.ts';
import type { Headers } from '../../support/storeApi.ts';

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

/** What the shopper is told when nobody knows whether the order was placed: retry with the key, or look before ordering again. */
function outcomeUnknown(detail: string | RegExp, key?: string): CreateOrderResponse {
  return {
    success: false,
    message: expect.stringMatching(
      key
        ? new RegExp(`^Whether the order was placed and paid is not known: .* with the same idempotency key \\("${key}"\\)`)
        : /^Whether the order was placed and paid is not known: .* Look for it in your orders before you order again/,
    ),
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

async function placement(
  api: LocalApi,
  query: string,
  variables: Record<string, unknown>,
  headers: Headers,
): Promise<CreateOrderResponse> {
  const response = await postGraphQL<Placement>(api.graphqlUrl, query, { variables, headers });
  expect(response.body.errors).toBeUndefined();
  const data = response.body.data!;
  return 'createOrder' in data ? data.createOrder : data.placeOrder;
}

describe('createOrder and placeOrder, as the orders service answers', () => {
  let stub: ServiceStub;
  let api: LocalApi;
  let shopper: Headers;

  beforeAll(async () => {
    stub = await startServiceStub();
    api = await startLocalApi({ serviceUrls: { orders: stub.origin } });
    shopper = { authorization: await api.issuer.idToken({ username: 'stub-shopper', sub: 'sub-stub-shopper' }) };
  });

  afterAll(async () => {
    await api?.close();
    await stub?.close();
  });

  const call = (query: string, variables: Record<string, unknown>, headers: Headers = shopper) =>
    placement(api, query, variables, headers);

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
    [
      'a gateway’s HTML page (502)',
      { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' },
      502,
    ],
    ['an empty body (500)', { status: 500, body: '' }, 500],
    ['a JSON array', json(200, [1, 2]), 200],
  ])('answers SERVICE_UNAVAILABLE as data, the outcome unknown, when the service answers %s', async (_, answer, status) => {
    stub.answerWith(answer);
    const detail = `The orders service answered HTTP ${status} without an order response.`;
    expect(await call(CREATE, { order: ORDER_REQUEST, key: 'key-2' })).toEqual(outcomeUnknown(detail, 'key-2'));
    expect(await call(PLACE, { input: PLACE_INPUT })).toEqual(outcomeUnknown(detail));
  });

  it('answers SERVICE_UNAVAILABLE as data, nothing ordered or charged, when API Gateway refuses the call', async () => {
    stub.answerWith(json(403, { message: 'Forbidden' }));
    const expected = {
      success: false,
      message: 'The order could not be placed right now: nothing was ordered or charged. Try again later.',
      errors: [
        {
          code: 'SERVICE_UNAVAILABLE',
          message: 'The orders service answered HTTP 403 without an order response.',
          productId: null,
        },
      ],
      order: null,
    };
    expect(await call(CREATE, { order: ORDER_REQUEST, key: 'key-3' })).toEqual(expected);
    expect(await call(PLACE, { input: PLACE_INPUT })).toEqual(expected);
  });

  it('answers SERVICE_UNAVAILABLE as data, the outcome unknown, when the service cannot be reached', async () => {
    const offline = await startLocalApi();
    try {
      const caller = { authorization: await offline.issuer.idToken({ username: 'offline-shopper' }) };
      for (const [query, variables, key] of [
        [CREATE, { order: ORDER_REQUEST, key: 'key-4' }, 'key-4'],
        [PLACE, { input: PLACE_INPUT }, undefined],
      ] as const) {
        const response = await postGraphQL<Placement>(offline.graphqlUrl, query, { variables, headers: caller });
        expect(response.body.errors).toBeUndefined();
        expect(Object.values(response.body.data!)[0]).toEqual(outcomeUnknown(/^No answer came from the orders service: /, key));
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

describe('createOrder when the orders service answers after the data source has given up', () => {
  // The data source waits a short time here; the stub stands for an orders service that places
  // each key's order once and takes longer than that to answer the first time.
  const declaration = { ...SYSTEM, timeouts: { ...SYSTEM.timeouts, httpDataSourceMs: 500 } };
  let stub: ServiceStub;
  let api: LocalApi;
  let shopper: Headers;
  /** The orders the stub placed, by idempotency key. */
  const written = new Map<string, typeof placed>();
  let letFirstAnswersGo: () => void = () => undefined;

  beforeAll(async () => {
    stub = await startServiceStub();
    api = await startLocalApi({ serviceUrls: { orders: stub.origin }, declaration });
    shopper = { authorization: await api.issuer.idToken({ username: 'slow-shopper', sub: 'sub-stub-shopper' }) };
    const firstAnswersHeld = new Promise<void>((resolve) => (letFirstAnswersGo = resolve));
    stub.answerWith(async (request) => {
      const { idempotencyKey } = JSON.parse(request.body) as { idempotencyKey: string };
      const existing = written.get(idempotencyKey);
      if (existing) return json(200, { success: true, message: 'Order placed.', errors: [], order: existing });
      const order = { ...placed, orderId: `order-${written.size + 1}` };
      written.set(idempotencyKey, order);
      // Written and paid, but the answer comes only once the test lets it go: past the data source's timeout.
      await firstAnswersHeld;
      return json(200, { success: true, message: 'Order placed.', errors: [], order });
    });
  });

  afterAll(async () => {
    letFirstAnswersGo();
    await api?.close();
    await stub?.close();
  });

  it('answers SERVICE_UNAVAILABLE saying the outcome is unknown, and a retry with the same key answers the one order written', async () => {
    const first = await placement(api, CREATE, { order: ORDER_REQUEST, key: 'slow-checkout-1' }, shopper);
    expect(first).toEqual(outcomeUnknown(/^No answer came from the orders service: /, 'slow-checkout-1'));
    expect(first.message).not.toMatch(/nothing was ordered/i);

    const retry = await placement(api, CREATE, { order: ORDER_REQUEST, key: 'slow-checkout-1' }, shopper);
    expect(retry).toEqual({ success: true, message: 'Order placed.', errors: [], order: written.get('slow-checkout-1') });
    expect([...written.keys()]).toEqual(['slow-checkout-1']);
    expect(stub.requests.map((request) => (JSON.parse(request.body) as { idempotencyKey: string }).idempotencyKey)).toEqual([
      'slow-checkout-1',
      'slow-checkout-1',
    ]);
  });
});
