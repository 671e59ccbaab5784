// createOrder and placeOrder through GraphQL over HTTP on the test run's local stack, with the
// real orders and payment services behind them. How the resolvers call the orders service and map
// whatever it answers, on an API whose orders service is a stub: test/integration/api/checkout.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import type { CreateOrderResponse, Order } from '../../generated/graphql.ts';
import { ADDRESS, deliveryPricing, preauthorize } from '../support/checkout.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { ORDER_SELECTION, readOrder, userIdOf } from '../support/orders.ts';
import { productInput, putProduct, storeClient, uniqueId, type Headers } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';

const RESPONSE = `success message errors { code message productId } order { ${ORDER_SELECTION} }`;
const CREATE = `mutation ($order: CreateOrderRequest!, $key: String) { createOrder(order: $order, idempotencyKey: $key) { ${RESPONSE} } }`;
const PLACE = `mutation ($input: PlaceOrderInput!, $key: String) { placeOrder(input: $input, idempotencyKey: $key) { ${RESPONSE} } }`;

type Placement = { createOrder: CreateOrderResponse } | { placeOrder: CreateOrderResponse };

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
