// refundOrder as the back office calls it, on the local stack with real Cognito tokens: a card
// order placed and taken to FULFILLED (its payment captured through the bus), then refunded in
// part and in full by an admin; what the owner's Order.payment shows, what the provider simulator
// gave back, and what the bus was told.
import { beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import type { CreateOrderResponse, Payment, Product } from '../../generated/graphql.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { ADDRESS, deliveryPricing, eventsOfOrder, moveOrder, preauthorize } from '../support/checkout.ts';
import { localStack } from '../support/stack.ts';
import { productInput, putProduct, uniqueId, type Headers } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';

const { local, paymentProviderSecretKey } = localStack();
const SETTLED = { timeout: 15_000, interval: 100 };
const PAYMENT_FIELDS = 'method status amount capturedAmount refundedAmount payUrl expiresAt modifiedDate';
const REFUND = `mutation ($orderId: ID!, $amount: Int, $reason: String!, $key: String!) {
  refundOrder(orderId: $orderId, amount: $amount, reason: $reason, idempotencyKey: $key) { ${PAYMENT_FIELDS} }
}`;

let admin: Headers;
let product: Product;

beforeAll(async () => {
  admin = { authorization: await idTokenOf(local, 'admin') };
  product = await putProduct(local.graphqlUrl, admin, productInput({ productId: uniqueId('refund'), price: 4000, stock: 100 }));
});

interface PlacedOrder {
  shopper: Headers;
  orderId: string;
  paymentToken: string;
  total: number;
}

/** A fresh shopper's card order of one unit, taken by the back office to FULFILLED, its payment CAPTURED. */
async function aFulfilledOrder(): Promise<PlacedOrder> {
  const shopper = (await createStoreUser(local, 'refund-shopper')).headers;
  const products = [{ productId: product.productId, quantity: 1 }];
  const deliveryPrice = await deliveryPricing(local, shopper, products);
  const total = product.price + deliveryPrice;
  const paymentToken = await preauthorize(local, total);
  const placed = await postGraphQL<{ createOrder: CreateOrderResponse }>(
    local.graphqlUrl,
    'mutation ($order: CreateOrderRequest!) { createOrder(order: $order) { success errors { code message } order { orderId } } }',
    { variables: { order: { products, address: ADDRESS, deliveryPrice, paymentToken } }, headers: shopper },
  );
  expect(placed.body.data!.createOrder.errors).toEqual([]);
  const orderId = placed.body.data!.createOrder.order!.orderId;
  for (const step of ['startPackaging', 'completePackaging', 'startDelivery', 'completeDelivery']) {
    expect((await moveOrder(local, admin, step, orderId)).body.errors, step).toBeUndefined();
  }
  await expect.poll(async () => (await paymentOf(shopper, orderId))?.status, SETTLED).toBe('CAPTURED');
  return { shopper, orderId, paymentToken, total };
}

async function paymentOf(caller: Headers, orderId: string): Promise<Payment | null | undefined> {
  const read = await postGraphQL<{ getOrder: { payment: Payment | null } | null }>(
    local.graphqlUrl,
    `query ($id: ID!) { getOrder(orderId: $id) { payment { ${PAYMENT_FIELDS} } } }`,
    { variables: { id: orderId }, headers: caller },
  );
  expect(read.body.errors).toBeUndefined();
  return read.body.data!.getOrder?.payment;
}

function refundOrder(caller: Headers, orderId: string, key: string, amount?: number) {
  return postGraphQL<{ refundOrder: Payment | null }>(local.graphqlUrl, REFUND, {
    variables: { orderId, amount: amount ?? null, reason: 'Arrived damaged', key },
    headers: caller,
  });
}

/** The refunds the provider simulator made on the token. */
async function refundsAtProvider(paymentToken: string): Promise<{ refundId: string; amount: number }[]> {
  const response = await fetch(new URL(`/payments/${encodeURIComponent(paymentToken)}`, local.paymentProviderUrl), {
    headers: { authorization: `Bearer ${paymentProviderSecretKey}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { refunds: { refundId: string; amount: number }[] }).refunds;
}

describe('refundOrder', () => {
  it('refunds part, then the rest, of a fulfilled card order; the owner sees it on Order.payment, and then nothing is left', async () => {
    const { shopper, orderId, paymentToken, total } = await aFulfilledOrder();

    const partial = await refundOrder(admin, orderId, uniqueId('refund'), 1000);
    expect(partial.body.errors).toBeUndefined();
    expect(partial.body.data!.refundOrder).toEqual({
      method: 'CARD',
      status: 'PARTIALLY_REFUNDED',
      amount: total,
      capturedAmount: total,
      refundedAmount: 1000,
      payUrl: null,
      expiresAt: null,
      modifiedDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(await paymentOf(shopper, orderId)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 1000 });

    const rest = await refundOrder(admin, orderId, uniqueId('refund'));
    expect(rest.body.errors).toBeUndefined();
    expect(rest.body.data!.refundOrder).toMatchObject({ status: 'REFUNDED', refundedAmount: total, capturedAmount: total });
    expect(await paymentOf(shopper, orderId)).toMatchObject({ status: 'REFUNDED', refundedAmount: total });
    expect((await refundsAtProvider(paymentToken)).map((refund) => refund.amount)).toEqual([1000, total - 1000]);

    const another = await refundOrder(admin, orderId, uniqueId('refund'), 100);
    expect(another.body.data!.refundOrder).toBeNull();
    expect(another.body.errors).toEqual([
      expect.objectContaining({
        path: ['refundOrder'],
        errorType: 'Conflict',
        message: `Order ${orderId}'s payment is REFUNDED: there is nothing to refund or release.`,
      }),
    ]);

    await expect
      .poll(
        async () => (await eventsOfOrder(local, orderId)).filter((event) => event['detail-type'] === 'PaymentRefunded'),
        SETTLED,
      )
      .toEqual([
        expect.objectContaining({
          detail: expect.objectContaining({ amount: 1000, refundedAmount: 1000, status: 'PARTIALLY_REFUNDED' }),
        }),
        expect.objectContaining({
          detail: expect.objectContaining({ amount: total - 1000, refundedAmount: total, status: 'REFUNDED' }),
        }),
      ]);
  });

  it('answers the same idempotency key twice the same, and refunds once at the provider', async () => {
    const { orderId, paymentToken } = await aFulfilledOrder();
    const key = uniqueId('refund');
    const first = await refundOrder(admin, orderId, key, 1500);
    const again = await refundOrder(admin, orderId, key, 1500);
    expect(first.body.errors).toBeUndefined();
    expect(again.body).toEqual(first.body);
    expect((await refundsAtProvider(paymentToken)).map((refund) => refund.amount)).toEqual([1500]);

    const otherAmount = await refundOrder(admin, orderId, key, 1600);
    expect(otherAmount.body.errors).toEqual([expect.objectContaining({ errorType: 'Conflict' })]);
  });

  it('refuses more than is left with BadRequest naming what is left, and an order without payment with NotFound', async () => {
    const { orderId, total } = await aFulfilledOrder();
    const over = await refundOrder(admin, orderId, uniqueId('refund'), total + 1);
    expect(over.body.errors).toEqual([
      expect.objectContaining({ errorType: 'BadRequest', message: expect.stringContaining(`amount must be 1 to ${total}`) }),
    ]);
    const unknown = await refundOrder(admin, uniqueId('no-such-order'), uniqueId('refund'));
    expect(unknown.body.errors).toEqual([expect.objectContaining({ errorType: 'NotFound' })]);
  });

  it('is Unauthorized to the order’s own customer and to the warehouse, and refunds nothing', async () => {
    const { shopper, orderId, paymentToken } = await aFulfilledOrder();
    const warehouse = (await createStoreUser(local, 'refund-warehouse', ['warehouse'])).headers;
    for (const caller of [shopper, warehouse]) {
      const refused = await refundOrder(caller, orderId, uniqueId('refund'), 500);
      expect(refused.body.data?.refundOrder ?? null).toBeNull();
      expect(refused.body.errors).toEqual([expect.objectContaining({ errorType: 'Unauthorized', path: ['refundOrder'] })]);
    }
    expect(await refundsAtProvider(paymentToken)).toEqual([]);
    expect(await paymentOf(shopper, orderId)).toMatchObject({ status: 'CAPTURED', refundedAmount: 0 });
  });
});
