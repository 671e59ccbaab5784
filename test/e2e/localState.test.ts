// A day's work kept across restarts: two local stacks in turn on one state folder (as `npm start`
// keeps `.local-state/`). A product written by the admin, a user who signed up, a cart line and an
// order are all there after a stop and a start, sign-in works, pagination tokens issued before
// the restart still page, the bus's dead letters are still listed (and redrivable); a fresh start
// (`npm start -- --fresh`, `npm run reset`) empties it all.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import type { CreateOrderResponse, Product } from '../../generated/graphql.ts';
import type { LocalEndpoints } from '../../local/outputs.ts';
import { resetLocalState } from '../../local/localState.ts';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
import { ADDRESS, deliveryPricing, getOrder, preauthorize } from '../support/checkout.ts';
import { idTokenOf, signIn } from '../support/cognitoSignIn.ts';
import { productInput, putProduct, uniqueId, type Headers } from '../support/storeApi.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'local-state-test-'));
let stack: LocalStack | undefined;

afterAll(async () => {
  await stack?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

const start = async (fresh = false): Promise<LocalEndpoints> => {
  stack = await startLocalStack({ ports: 'any-free', stateDir, fresh });
  return stack.outputs.custom.local;
};
const stop = async (): Promise<void> => {
  await stack!.stop();
  stack = undefined;
};

async function signUp(local: LocalEndpoints, email: string, password: string): Promise<void> {
  const client = new CognitoIdentityProviderClient({
    endpoint: local.cognitoEndpoint,
    region: local.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await client.send(
      new SignUpCommand({
        ClientId: local.userPoolClientId,
        Username: email,
        Password: password,
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    await client.send(new AdminConfirmSignUpCommand({ UserPoolId: local.userPoolId, Username: email }));
  } finally {
    client.destroy();
  }
}

const cartOf = async (local: LocalEndpoints, caller: Headers) =>
  (
    await postGraphQL<{ getCart: { items: { productId: string; quantity: number }[] } }>(
      local.graphqlUrl,
      'query { getCart { items { productId quantity } } }',
      { headers: caller },
    )
  ).body.data?.getCart.items;

const deadLetterTargets = async (local: LocalEndpoints): Promise<string[]> =>
  ((await (await fetch(new URL('/dead-letters', local.eventBusEndpoint))).json()) as { target: { id: string } }[]).map(
    (letter) => letter.target.id,
  );

/** An event its handler cannot read (no status): retried, then dead-lettered. */
async function putUnreadableEvent(local: LocalEndpoints): Promise<void> {
  const client = new EventBridgeClient({
    region: local.region,
    endpoint: local.eventBusEndpoint,
    credentials: local.credentials,
  });
  await client.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: 'commerce', Source: 'ecommerce.orders', DetailType: 'OrderStatusChanged', Detail: '{"orderId":"x"}' },
      ],
    }),
  );
  client.destroy();
}

const productOf = async (local: LocalEndpoints, productId: string) =>
  (
    await postGraphQL<{ getProduct: Product | null }>(
      local.graphqlUrl,
      'query ($id: ID!) { getProduct(productId: $id) { productId name } }',
      {
        variables: { id: productId },
        headers: { 'x-api-key': local.apiKey },
      },
    )
  ).body.data?.getProduct;

describe('the local state', () => {
  it('keeps products, users, carts, orders and page tokens across a restart; a fresh start empties them', async () => {
    let local = await start();
    const admin = { authorization: await idTokenOf(local, 'admin') };
    const product = await putProduct(
      local.graphqlUrl,
      admin,
      productInput({ productId: uniqueId('kept'), name: 'Kept Lamp', price: 2500, stock: 10 }),
    );
    const email = `${uniqueId('signed-up')}@example.com`;
    await signUp(local, email, 'Kept-User-Pass-1');
    let shopper = { authorization: (await signIn(local, email, 'Kept-User-Pass-1')).getIdToken().getJwtToken() };
    await postGraphQL(local.graphqlUrl, 'mutation ($id: ID!) { addToCart(productId: $id, quantity: 3) { subtotal } }', {
      variables: { id: product.productId },
      headers: shopper,
    });
    const line = [{ productId: product.productId, quantity: 1 }];
    const deliveryPrice = await deliveryPricing(local, shopper, line);
    const placed = await postGraphQL<{ createOrder: CreateOrderResponse }>(
      local.graphqlUrl,
      'mutation ($order: CreateOrderRequest!) { createOrder(order: $order) { order { orderId } } }',
      {
        variables: {
          order: {
            products: line,
            address: ADDRESS,
            deliveryPrice,
            paymentToken: await preauthorize(local, 2500 + deliveryPrice),
          },
        },
        headers: shopper,
      },
    );
    const { orderId } = placed.body.data!.createOrder.order!;
    const firstPage = await postGraphQL<{ getProducts: { nextToken: string | null } }>(
      local.graphqlUrl,
      'query { getProducts(limit: 2) { nextToken } }',
      { headers: { 'x-api-key': local.apiKey } },
    );
    const nextToken = firstPage.body.data!.getProducts.nextToken;
    expect(nextToken).toBeTruthy();
    const developer = { ...local.credentials };
    await putUnreadableEvent(local);
    await expect.poll(() => deadLetterTargets(local), { timeout: 20_000, interval: 250 }).toContain('notifications-order-status');
    await stop();

    local = await start();
    expect(local.credentials).toEqual(developer);
    expect(await productOf(local, product.productId)).toEqual({ productId: product.productId, name: 'Kept Lamp' });
    shopper = { authorization: (await signIn(local, email, 'Kept-User-Pass-1')).getIdToken().getJwtToken() };
    expect(await cartOf(local, shopper)).toEqual([{ productId: product.productId, quantity: 3 }]);
    expect((await getOrder(local, shopper, orderId))?.orderId).toBe(orderId);
    const secondPage = await postGraphQL<{ getProducts: { products: unknown[] } }>(
      local.graphqlUrl,
      'query ($token: String) { getProducts(limit: 2, nextToken: $token) { products { productId } } }',
      { variables: { token: nextToken }, headers: { 'x-api-key': local.apiKey } },
    );
    expect(secondPage.body.errors).toBeUndefined();
    expect(secondPage.body.data!.getProducts.products).toHaveLength(2);
    expect(await deadLetterTargets(local)).toContain('notifications-order-status');
    await stop();

    local = await start(true);
    expect(await productOf(local, product.productId)).toBeNull();
    await expect(signIn(local, email, 'Kept-User-Pass-1')).rejects.toThrow();
    expect(local.credentials).not.toEqual(developer);
    await stop();

    expect(await resetLocalState(stateDir)).toBe(true);
    expect(await resetLocalState(stateDir)).toBe(false);
  }, 180_000);
});
