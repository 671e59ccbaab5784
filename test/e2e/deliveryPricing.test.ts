// getDeliveryPricing through GraphQL over HTTP: the resolver on the test run's local stack, the
// delivery-pricing service behind it, and the catalog's packages (products an admin puts here,
// with the sizes of API.md's worked examples).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import { expectError } from '../support/graphqlAssertions.ts';
import type { AddressInput, LineItemInput } from '../../generated/graphql.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import { postGraphQL } from 'appsync-local/testing/graphql.ts';
import { type LocalApi, startLocalApi } from '../support/localApi.ts';
import { productInput, putProduct, storeClient, uniqueId, type Headers } from '../support/storeApi.ts';

const { local } = localStack();
const graphql = storeClient(local.graphqlUrl);

const PRICING = 'query ($input: DeliveryPricingInput!) { getDeliveryPricing(input: $input) { pricing } }';

let guest: Headers;
let customer: Headers;
let admin: Headers;
/** 100×200×300 mm, 400 g: one box. */
let small: string;
/** 1000×900×800 mm, 5 kg: 4 of them fill 24 boxes by volume. */
let large: string;
/** 100×100×100 mm, 13 kg: two boxes by weight. */
let heavy: string;

beforeAll(async () => {
  guest = { 'x-api-key': local.apiKey };
  customer = { authorization: await idTokenOf(local, 'customer') };
  admin = { authorization: await idTokenOf(local, 'admin') };
  const put = async (prefix: string, pkg: { width: number; length: number; height: number; weight: number }) =>
    (await putProduct(local.graphqlUrl, admin, productInput({ productId: uniqueId(prefix), package: pkg }))).productId;
  [small, large, heavy] = await Promise.all([
    put('pricing-small', { width: 100, length: 200, height: 300, weight: 400 }),
    put('pricing-large', { width: 1000, length: 900, height: 800, weight: 5000 }),
    put('pricing-heavy', { width: 100, length: 100, height: 100, weight: 13000 }),
  ]);
});

function address(country: string, overrides: Partial<AddressInput> = {}): AddressInput {
  return {
    name: 'Ada Lovelace',
    streetAddress: '1 Main Street',
    postCode: '12345',
    city: 'Springfield',
    country,
    phoneNumber: '+15555550100',
    ...overrides,
  };
}

async function priceOf(products: LineItemInput[], country: string, caller: Headers = customer): Promise<number> {
  const response = await graphql<{ getDeliveryPricing: { pricing: number } }>(
    PRICING,
    { input: { products, address: address(country) } },
    caller,
  );
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.getDeliveryPricing.pricing;
}

async function expectRefusal(
  products: LineItemInput[],
  addressInput: AddressInput,
  errorType: string,
  message: string | RegExp,
): Promise<void> {
  expectError(
    await graphql(PRICING, { input: { products, address: addressInput } }, customer),
    'getDeliveryPricing',
    errorType,
    message,
  );
}

describe('getDeliveryPricing', () => {
  it.each([
    ['SE', 0],
    ['FR', 1000],
    ['US', 1500],
    ['GB', 2500],
  ])('prices one 100×200×300 mm, 400 g item to %s at %i', async (country, pricing) => {
    expect(await priceOf([{ productId: small, quantity: 1 }], country)).toBe(pricing);
  });

  it('prices 4 of a 1000×900×800 mm item to DE at 24 boxes: 24000', async () => {
    expect(await priceOf([{ productId: large, quantity: 4 }], 'DE')).toBe(24000);
  });

  it.each([
    ['DK', 0],
    ['fi', 0],
    ['no', 0],
    ['AT', 1000],
    ['de', 1000],
    ['Es', 1000],
    ['pl', 1000],
    ['CA', 1500],
    ['us', 1500],
    ['JP', 2500],
    ['ch', 2500],
    ['ZZ', 2500],
  ])('charges one box to %s at %i (country codes in any case; unknown codes at the default fee)', async (country, pricing) => {
    expect(await priceOf([{ productId: small, quantity: 1 }], country)).toBe(pricing);
  });

  it('counts boxes by volume over every line: 21 small items fill 2 boxes', async () => {
    expect(await priceOf([{ productId: small, quantity: 20 }], 'FR')).toBe(1000);
    expect(
      await priceOf(
        [
          { productId: small, quantity: 20 },
          { productId: small, quantity: 1 },
        ],
        'FR',
      ),
    ).toBe(2000);
  });

  it('counts boxes by weight when that needs more: one 13 kg item is 2 boxes', async () => {
    expect(await priceOf([{ productId: heavy, quantity: 1 }], 'FR')).toBe(2000);
    expect(
      await priceOf(
        [
          { productId: heavy, quantity: 1 },
          { productId: small, quantity: 1 },
        ],
        'US',
      ),
    ).toBe(3000);
  });

  it('prices for an admin as for a customer', async () => {
    expect(await priceOf([{ productId: small, quantity: 1 }], 'FR', admin)).toBe(1000);
  });

  it('prices products of the demo catalog', async () => {
    // The Pragmatic Programmer: 190×235×30 mm, 680 g.
    expect(await priceOf([{ productId: 'demo-books-01', quantity: 2 }], 'US')).toBe(1500);
  });

  it('denies a guest with Unauthorized', async () => {
    const response = await graphql(
      PRICING,
      { input: { products: [{ productId: small, quantity: 1 }], address: address('SE') } },
      guest,
    );
    expect(response.body).toEqual({
      data: null,
      errors: [expect.objectContaining({ path: ['getDeliveryPricing'], errorType: 'Unauthorized' })],
    });
  });

  it('answers NotFound for a product the catalog does not have', async () => {
    const missing = uniqueId('missing');
    await expectRefusal(
      [
        { productId: small, quantity: 1 },
        { productId: missing, quantity: 1 },
      ],
      address('SE'),
      'NotFound',
      `No product has the id "${missing}".`,
    );
  });

  it('refuses an empty list of products with BadRequest', async () => {
    await expectRefusal(
      [],
      address('SE'),
      'BadRequest',
      'Invalid delivery pricing request: products must hold at least one line.',
    );
  });

  it.each([0, -3, 1000])('refuses a quantity of %i with BadRequest', async (quantity) => {
    await expectRefusal(
      [{ productId: small, quantity }],
      address('SE'),
      'BadRequest',
      `Invalid delivery pricing request: products[0].quantity must be between 1 and 999, got ${quantity}.`,
    );
  });

  it('refuses a blank product id and a blank country with BadRequest, naming both', async () => {
    await expectRefusal(
      [{ productId: ' ', quantity: 1 }],
      address(' '),
      'BadRequest',
      'Invalid delivery pricing request: products[0].productId must not be blank; address.country must not be blank.',
    );
  });

  it('passes on the service’s BadRequest for what only it checks: lines of one product over 999, a blank address field', async () => {
    await expectRefusal(
      [
        { productId: small, quantity: 600 },
        { productId: small, quantity: 600 },
      ],
      address('SE'),
      'BadRequest',
      /add up to 1200/,
    );
    await expectRefusal([{ productId: small, quantity: 1 }], address('SE', { city: ' ' }), 'BadRequest', /address\.city/);
  });
});

describe('getDeliveryPricing without the delivery-pricing service', () => {
  let api: LocalApi;

  beforeAll(async () => {
    api = await startLocalApi();
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers ServiceUnavailable with a clear message', async () => {
    const token = await api.issuer.idToken({ username: 'pricing-shopper' });
    const response = await postGraphQL(api.graphqlUrl, PRICING, {
      variables: { input: { products: [{ productId: 'demo-books-01', quantity: 1 }], address: address('SE') } },
      headers: { authorization: token },
    });
    expect(response.body.data).toBeNull();
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        path: ['getDeliveryPricing'],
        errorType: 'ServiceUnavailable',
        message: expect.stringMatching(/^The delivery-pricing service could not be reached: /),
      }),
    ]);
  });
});
