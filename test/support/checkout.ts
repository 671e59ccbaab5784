// What a shopper's app does to check out, for end-to-end tests: pre-authorise a card at the
// payment provider (as the app's client-side SDK would), price delivery, and place the order over
// GraphQL; and what a test reads afterwards to see the whole state: the payment at the provider
// and in the payment backend's table, and the events that went over the bus.
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AddressInput, CreateOrderResponse, LineItemInput, Order } from '../../generated/graphql.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from 'appsync-local/dynamodb/tables.ts';
import type { LocalEndpoints } from '../../local/outputs.ts';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import { expect } from 'vitest';
import { ORDER_SELECTION } from './orders.ts';
import type { Headers } from './storeApi.ts';

const RESPONSE_FIELDS = `success message errors { code message productId } order { ${ORDER_SELECTION} }`;

/** A French address: 1000 per box (API.md's fee table). */
export const ADDRESS: AddressInput = {
  name: 'Ada Lovelace',
  streetAddress: '12 rue de la Paix',
  postCode: '75002',
  city: 'Paris',
  country: 'fr',
  phoneNumber: '+33123456789',
};

export const GOOD_CARD = '4242424242424242';

/** Pre-authorises `amount` on a card at the provider, as the shopper's app does; returns the token. */
export async function preauthorize(local: LocalEndpoints, amount: number, cardNumber = GOOD_CARD): Promise<string> {
  const response = await fetch(new URL('/preauth', local.paymentProviderUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cardNumber, amount }),
  });
  const body = (await response.json()) as { paymentToken?: string; message?: string };
  if (response.status !== 201 || !body.paymentToken) throw new Error(`preauth failed (${response.status}): ${body.message}`);
  return body.paymentToken;
}

export async function deliveryPricing(
  local: LocalEndpoints,
  caller: Headers,
  products: LineItemInput[],
  address = ADDRESS,
): Promise<number> {
  const response = await postGraphQL<{ getDeliveryPricing: { pricing: number } }>(
    local.graphqlUrl,
    'query ($input: DeliveryPricingInput!) { getDeliveryPricing(input: $input) { pricing } }',
    { variables: { input: { products, address } }, headers: caller },
  );
  if (!response.body.data) throw new Error(`getDeliveryPricing failed: ${JSON.stringify(response.body.errors)}`);
  return response.body.data.getDeliveryPricing.pricing;
}

export interface PlaceOrderInput {
  address?: AddressInput;
  deliveryPrice: number;
  paymentMethod?: 'CARD' | 'GATEWAY';
  /** CARD only. */
  paymentToken?: string;
}

/** placeOrder over GraphQL; returns the CreateOrderResponse, failing the test on a GraphQL error. */
export async function placeOrder(
  local: LocalEndpoints,
  caller: Headers,
  input: PlaceOrderInput,
  idempotencyKey?: string,
): Promise<CreateOrderResponse> {
  const response = await postGraphQL<{ placeOrder: CreateOrderResponse }>(
    local.graphqlUrl,
    `mutation ($input: PlaceOrderInput!, $key: String) { placeOrder(input: $input, idempotencyKey: $key) { ${RESPONSE_FIELDS} } }`,
    { variables: { input: { address: ADDRESS, ...input }, key: idempotencyKey ?? null }, headers: caller },
  );
  if (!response.body.data) throw new Error(`placeOrder failed: ${JSON.stringify(response.body.errors)}`);
  return response.body.data.placeOrder;
}

export interface CreateOrderInput extends PlaceOrderInput {
  products: LineItemInput[];
}

/** createOrder over GraphQL; returns the CreateOrderResponse, failing the test on a GraphQL error. */
export async function createOrder(
  local: LocalEndpoints,
  caller: Headers,
  order: CreateOrderInput,
  idempotencyKey?: string,
): Promise<CreateOrderResponse> {
  const response = await postGraphQL<{ createOrder: CreateOrderResponse }>(
    local.graphqlUrl,
    `mutation ($order: CreateOrderRequest!, $key: String) { createOrder(order: $order, idempotencyKey: $key) { ${RESPONSE_FIELDS} } }`,
    { variables: { order: { address: ADDRESS, ...order }, key: idempotencyKey ?? null }, headers: caller },
  );
  if (!response.body.data) throw new Error(`createOrder failed: ${JSON.stringify(response.body.errors)}`);
  return response.body.data.createOrder;
}

/** A back-office transition or cancelOrder; returns the GraphQL response whole (errors included). */
export function moveOrder(local: LocalEndpoints, caller: Headers, mutation: string, orderId: string) {
  return postGraphQL<Record<string, Order | null>>(
    local.graphqlUrl,
    `mutation ($id: ID!) { ${mutation}(orderId: $id) { ${ORDER_SELECTION} } }`,
    {
      variables: { id: orderId },
      headers: caller,
    },
  );
}

/**
 * The back office takes a NEW order to FULFILLED through the API, each step by the group allowed
 * it; fails the test on any error, naming the step.
 */
export async function fulfilOrder(
  local: LocalEndpoints,
  staff: { readonly warehouse: Headers; readonly delivery: Headers },
  orderId: string,
): Promise<void> {
  for (const [caller, mutation] of [
    [staff.warehouse, 'startPackaging'],
    [staff.warehouse, 'completePackaging'],
    [staff.delivery, 'startDelivery'],
    [staff.delivery, 'completeDelivery'],
  ] as const) {
    expect((await moveOrder(local, caller, mutation, orderId)).body.errors, mutation).toBeUndefined();
  }
}

export async function getOrder(local: LocalEndpoints, caller: Headers, orderId: string): Promise<Order | null> {
  const response = await postGraphQL<{ getOrder: Order | null }>(
    local.graphqlUrl,
    `query ($id: ID!) { getOrder(orderId: $id) { ${ORDER_SELECTION} } }`,
    {
      variables: { id: orderId },
      headers: caller,
    },
  );
  if (response.body.errors) throw new Error(`getOrder failed: ${JSON.stringify(response.body.errors)}`);
  return response.body.data!.getOrder;
}

export async function stockOf(local: LocalEndpoints, productId: string): Promise<number> {
  const response = await postGraphQL<{ getProduct: { stock: number } | null }>(
    local.graphqlUrl,
    'query ($id: ID!) { getProduct(productId: $id) { stock } }',
    {
      variables: { id: productId },
      headers: { 'x-api-key': local.apiKey },
    },
  );
  if (!response.body.data?.getProduct) throw new Error(`no product ${productId}: ${JSON.stringify(response.body.errors)}`);
  return response.body.data.getProduct.stock;
}

/** The payment as the provider holds it (the payment backend's view of the third party). */
export async function providerPayment(
  local: LocalEndpoints,
  secretKey: string,
  paymentToken: string,
): Promise<{ status: string; capturedAmount: number }> {
  const response = await fetch(new URL(`/payments/${encodeURIComponent(paymentToken)}`, local.paymentProviderUrl), {
    headers: { authorization: `Bearer ${secretKey}` },
  });
  if (response.status !== 200) throw new Error(`provider GET payment: ${response.status}`);
  return (await response.json()) as { status: string; capturedAmount: number };
}

export interface PaymentRecord {
  paymentToken: string;
  orderId: string;
  amount: number;
  status: string;
  /** Gateway payments: what learnt the outcome, the callback or the sweep. */
  settledBy?: string;
}

/** The payment backend's records for an order (through its byOrder index). */
export async function paymentsOfOrder(dynamodbEndpoint: string, orderId: string): Promise<PaymentRecord[]> {
  const client = new DynamoDBClient({ endpoint: dynamodbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const result = await client.send(
      new QueryCommand({
        TableName: 'payments',
        IndexName: 'byOrder',
        KeyConditionExpression: 'orderId = :orderId',
        ExpressionAttributeValues: { ':orderId': { S: orderId } },
      }),
    );
    return (result.Items ?? []).map((item) => unmarshall(item) as PaymentRecord);
  } finally {
    client.destroy();
  }
}

export interface BusEvent {
  source: string;
  'detail-type': string;
  detail: Record<string, unknown>;
}

/** The events the bus accepted lately (its GET /events), those about one order. */
export async function eventsOfOrder(local: LocalEndpoints, orderId: string): Promise<BusEvent[]> {
  const events = (await (await fetch(new URL('/events', local.eventBusEndpoint))).json()) as BusEvent[];
  return events.filter((event) => event.detail['orderId'] === orderId);
}
