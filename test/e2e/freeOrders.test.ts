// A free order (its total 0: free products, free delivery to Sweden) as a shopper's app places it
// and the back office runs it, on the local stack: placed without a payment token and without a
// payment, `payment` and `invoice` null, fulfilled and cancelled like any other order, its stock
// returned, and nothing asked of the payment backend on the way.
import { beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import type { AddressInput, CreateOrderResponse, Order, Payment, Product } from '../../generated/graphql.ts';
import { deliveryPricing, fulfilOrder, moveOrder, stockOf } from '../support/checkout.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { localStack } from '../support/stack.ts';
import { productInput, putProduct, uniqueId, type Headers } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';

const { local } = localStack();
const SETTLED = { timeout: 15_000, interval: 100 };
/** Delivery to Sweden costs nothing (API.md's fee table). */
const SWEDISH_ADDRESS: AddressInput = {
  name: 'Ada Lovelace',
  streetAddress: '1 Main Street',
  city: 'Stockholm',
  country: 'se',
  phoneNumber: '+46 8 123 456',
};
const ORDER = 'orderId status total deliveryPrice payment { method status amount } invoice { invoiceNumber }';
const CREATE = `mutation ($order: CreateOrderRequest!, $key: String) { createOrder(order: $order, idempotencyKey: $key) { success errors { code message } order { ${ORDER} } } }`;
const PLACE = `mutation ($input: PlaceOrderInput!, $key: String) { placeOrder(input: $input, idempotencyKey: $key) { success errors { code message } order { ${ORDER} } } }`;

type FreeOrder = Pick<Order, 'orderId' | 'status' | 'total' | 'deliveryPrice' | 'invoice'> & { payment: Payment | null };

let admin: Headers;
let staff: { warehouse: Headers; delivery: Headers };
let sample: Product;

beforeAll(async () => {
  admin = { authorization: await idTokenOf(local, 'admin') };
  staff = {
    warehouse: (await createStoreUser(local, 'free-warehouse', ['warehouse'])).headers,
    delivery: (await createStoreUser(local, 'free-delivery', ['delivery'])).headers,
  };
  sample = await putProduct(local.graphqlUrl, admin, productInput({ productId: uniqueId('free-sample'), price: 0, stock: 20 }));
});

async function checkout(
  shopper: Headers,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ errors: unknown; answer: CreateOrderResponse & { order: FreeOrder | null } }> {
  const response = await postGraphQL<Record<string, CreateOrderResponse & { order: FreeOrder | null }>>(local.graphqlUrl, query, {
    variables,
    headers: shopper,
  });
  return { errors: response.body.errors, answer: Object.values(response.body.data ?? {})[0]! };
}

async function readOrder(caller: Headers, orderId: string) {
  return postGraphQL<{ getOrder: FreeOrder | null }>(
    local.graphqlUrl,
    `query ($id: ID!) { getOrder(orderId: $id) { ${ORDER} } }`,
    {
      variables: { id: orderId },
      headers: caller,
    },
  );
}

/** The bus's deliveries of the order's events, by target id; and how many of them it gave up on. */
async function busRecordOf(orderId: string): Promise<{ delivered: string[]; deadLettered: number }> {
  const read = async <T>(path: string) => (await (await fetch(new URL(path, local.eventBusEndpoint))).json()) as T;
  const events = await read<{ id: string; detail: { orderId?: string } }[]>('/events');
  const ids = new Set(events.filter((event) => event.detail.orderId === orderId).map((event) => event.id));
  const deliveries = await read<{ eventId: string; target: { id: string } }[]>('/deliveries');
  const deadLetters = await read<{ event: { id: string } }[]>('/dead-letters');
  return {
    delivered: deliveries.filter((delivery) => ids.has(delivery.eventId)).map((delivery) => delivery.target.id),
    deadLettered: deadLetters.filter((letter) => ids.has(letter.event.id)).length,
  };
}

describe('a free order', () => {
  it('is placed with createOrder without a payment token: NEW, total 0, no payment, no invoice; a retry answers the same order', async () => {
    const shopper = (await createStoreUser(local, 'free-shopper')).headers;
    const products = [{ productId: sample.productId, quantity: 2 }];
    expect(await deliveryPricing(local, shopper, products, SWEDISH_ADDRESS)).toBe(0);
    const variables = { order: { products, address: SWEDISH_ADDRESS, deliveryPrice: 0 }, key: uniqueId('key') };

    const { errors, answer } = await checkout(shopper, CREATE, variables);
    expect(errors).toBeUndefined();
    expect(answer).toEqual({
      success: true,
      errors: [],
      order: { orderId: expect.any(String), status: 'NEW', total: 0, deliveryPrice: 0, payment: null, invoice: null },
    });
    const retry = await checkout(shopper, CREATE, variables);
    expect(retry.answer.order).toEqual(answer.order);

    const read = await readOrder(shopper, answer.order!.orderId);
    expect(read.body).toEqual({ data: { getOrder: answer.order } });
  });

  it('is fulfilled by the back office as any order, with nothing for the payment backend to settle and no invoice', async () => {
    const shopper = (await createStoreUser(local, 'free-fulfilled')).headers;
    const { answer } = await checkout(shopper, CREATE, {
      order: { products: [{ productId: sample.productId, quantity: 1 }], address: SWEDISH_ADDRESS, deliveryPrice: 0 },
    });
    const { orderId } = answer.order!;
    await fulfilOrder(local, staff, orderId);

    // Every status change reached its subscribers' rule; none went to payment settlement.
    await expect
      .poll(
        async () => (await busRecordOf(orderId)).delivered.filter((id) => id === 'appsync-publish-order-status').length,
        SETTLED,
      )
      .toBe(5);
    expect(await busRecordOf(orderId)).toEqual({ delivered: expect.not.arrayContaining(['payment-settle']), deadLettered: 0 });
    const read = await readOrder(shopper, orderId);
    expect(read.body).toEqual({
      data: { getOrder: expect.objectContaining({ status: 'FULFILLED', payment: null, invoice: null }) },
    });
  });

  it('is placed from the cart with placeOrder and, cancelled by its owner, gives its stock back', async () => {
    const shopper = (await createStoreUser(local, 'free-cancelled')).headers;
    const added = await postGraphQL(
      local.graphqlUrl,
      'mutation ($id: ID!) { addToCart(productId: $id, quantity: 3) { subtotal } }',
      {
        variables: { id: sample.productId },
        headers: shopper,
      },
    );
    expect(added.body.errors).toBeUndefined();
    const before = await stockOf(local, sample.productId);
    const { errors, answer } = await checkout(shopper, PLACE, { input: { address: SWEDISH_ADDRESS, deliveryPrice: 0 } });
    expect(errors).toBeUndefined();
    expect(answer.order).toEqual(expect.objectContaining({ status: 'NEW', total: 0, payment: null }));
    expect(await stockOf(local, sample.productId)).toBe(before - 3);

    expect((await moveOrder(local, shopper, 'cancelOrder', answer.order!.orderId)).body.errors).toBeUndefined();
    await expect.poll(() => stockOf(local, sample.productId), SETTLED).toBe(before);
    expect((await busRecordOf(answer.order!.orderId)).delivered).not.toContain('payment-settle');
  });

  it('has nothing to refund: refundOrder is NotFound', async () => {
    const shopper = (await createStoreUser(local, 'free-refund')).headers;
    const { answer } = await checkout(shopper, CREATE, {
      order: { products: [{ productId: sample.productId, quantity: 1 }], address: SWEDISH_ADDRESS, deliveryPrice: 0 },
    });
    const refund = await postGraphQL<{ refundOrder: Payment | null }>(
      local.graphqlUrl,
      'mutation ($id: ID!, $key: String!) { refundOrder(orderId: $id, reason: "Goodwill", idempotencyKey: $key) { status } }',
      { variables: { id: answer.order!.orderId, key: uniqueId('refund') }, headers: admin },
    );
    expect(refund.body.data).toEqual({ refundOrder: null });
    expect(refund.body.errors).toEqual([expect.objectContaining({ errorType: 'NotFound' })]);
  });
});
