// The cart (getCart, addToCart, updateCartItem, removeFromCart, clearCart), through GraphQL over
// HTTP on the test run's local stack. The shopper is a user made for this file, and the products
// are the admin's own, so nothing here meets what another test file does.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localStack } from '../support/stack.ts';
import { expectError } from '../support/graphqlAssertions.ts';
import type { Cart } from '../../generated/graphql.ts';
import { idTokenOf } from '../support/cognitoSignIn.ts';
import type { GraphQLHttpResponse } from 'appsync-local/testing/graphql.ts';
import { productInput, putProduct, storeClient, uniqueId, type Headers } from '../support/storeApi.ts';
import { createStoreUser } from '../support/storeUsers.ts';

const { local } = localStack();
const graphql = storeClient(local.graphqlUrl);

const MAX_CART_LINES = 25;
const CART = 'items { productId quantity product { productId name price } } subtotal modifiedDate';
const GET_CART = `query { getCart { ${CART} } }`;
const ADD = `mutation ($id: ID!, $quantity: Int!) { addToCart(productId: $id, quantity: $quantity) { ${CART} } }`;
const UPDATE = `mutation ($id: ID!, $quantity: Int!) { updateCartItem(productId: $id, quantity: $quantity) { ${CART} } }`;
const REMOVE = `mutation ($id: ID!) { removeFromCart(productId: $id) { ${CART} } }`;
const CLEAR = `mutation { clearCart { ${CART} } }`;

let admin: Headers;
let guest: Headers;
let shopper: Headers;
/** Products of this file: lamp 1000, mug 250, then the filler products for the cap. */
let lamp: string;
let mug: string;
let fillers: string[];

beforeAll(async () => {
  guest = { 'x-api-key': local.apiKey };
  admin = { authorization: await idTokenOf(local, 'admin') };
  shopper = (await createStoreUser(local, 'cart-shopper')).headers;
  lamp = (
    await putProduct(local.graphqlUrl, admin, productInput({ productId: uniqueId('cart-lamp'), name: 'Lamp', price: 1000 }))
  ).productId;
  mug = (await putProduct(local.graphqlUrl, admin, productInput({ productId: uniqueId('cart-mug'), name: 'Mug', price: 250 })))
    .productId;
  fillers = await Promise.all(
    Array.from(
      { length: MAX_CART_LINES },
      async (_, i) =>
        (await putProduct(local.graphqlUrl, admin, productInput({ productId: uniqueId(`cart-filler-${i}`), price: 100 })))
          .productId,
    ),
  );
});

beforeEach(async () => {
  expect((await cartCall<'clearCart'>(CLEAR, {})).body.errors).toBeUndefined();
});

type CartField = 'getCart' | 'addToCart' | 'updateCartItem' | 'removeFromCart' | 'clearCart';

function cartCall<F extends CartField>(query: string, variables: Record<string, unknown>, caller: Headers = shopper) {
  return graphql<Record<F, Cart>>(query, variables, caller) as Promise<GraphQLHttpResponse<Record<F, Cart>>>;
}

async function cartOf(caller: Headers = shopper): Promise<Cart> {
  const response = await cartCall<'getCart'>(GET_CART, {}, caller);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.getCart;
}

async function add(productId: string, quantity: number, caller: Headers = shopper): Promise<Cart> {
  const response = await cartCall<'addToCart'>(ADD, { id: productId, quantity }, caller);
  expect(response.body.errors).toBeUndefined();
  return response.body.data!.addToCart;
}

function lines(cart: Cart): [string, number][] {
  return cart.items.map((item) => [item.productId, item.quantity]);
}

describe('getCart', () => {
  it('answers an empty cart to a shopper with no lines', async () => {
    expect(await cartOf()).toEqual({ items: [], subtotal: 0, modifiedDate: null });
  });

  it('answers the demo customer and an admin their own carts', async () => {
    for (const caller of [{ authorization: await idTokenOf(local, 'customer') }, admin]) {
      const response = await cartCall<'getCart'>(GET_CART, {}, caller);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.getCart).toEqual(
        expect.objectContaining({ items: expect.any(Array), subtotal: expect.any(Number) }),
      );
    }
  });

  it('keeps each user’s cart to that user', async () => {
    const other = (await createStoreUser(local, 'cart-other')).headers;
    await add(lamp, 2);
    expect(await cartOf(other)).toEqual({ items: [], subtotal: 0, modifiedDate: null });
    await add(mug, 1, other);
    expect(lines(await cartOf())).toEqual([[lamp, 2]]);
    expect(lines(await cartOf(other))).toEqual([[mug, 1]]);
  });

  it('lists lines in the order they were added, whatever their ids', async () => {
    const [first, second, third] = [fillers[2]!, fillers[0]!, fillers[1]!];
    await add(first, 1);
    await add(second, 1);
    await add(third, 1);
    await add(first, 1);
    expect(lines(await cartOf())).toEqual([
      [first, 2],
      [second, 1],
      [third, 1],
    ]);
  });

  it('works the subtotal out at current prices, after an admin changes one', async () => {
    const productId = uniqueId('cart-repriced');
    await putProduct(local.graphqlUrl, admin, productInput({ productId, price: 500 }));
    await add(productId, 3);
    await add(mug, 2);
    expect((await cartOf()).subtotal).toBe(3 * 500 + 2 * 250);
    await putProduct(local.graphqlUrl, admin, productInput({ productId, price: 700 }));
    const cart = await cartOf();
    expect(cart.subtotal).toBe(3 * 700 + 2 * 250);
    expect(cart.items[0]!.product).toEqual({ productId, name: 'Test Lamp', price: 700 });
  });

  it('keeps a line whose product was deleted, with product null and counting 0, until it is removed', async () => {
    const productId = uniqueId('cart-deleted');
    await putProduct(local.graphqlUrl, admin, productInput({ productId, price: 900 }));
    await add(productId, 2);
    await add(mug, 1);
    const deleted = await graphql(
      `
        mutation ($id: ID!) {
          deleteProduct(productId: $id) {
            productId
          }
        }
      `,
      { id: productId },
      admin,
    );
    expect(deleted.body.errors).toBeUndefined();
    const cart = await cartOf();
    expect(cart.items).toEqual([
      { productId, quantity: 2, product: null },
      { productId: mug, quantity: 1, product: { productId: mug, name: 'Mug', price: 250 } },
    ]);
    expect(cart.subtotal).toBe(250);
    const removed = await cartCall<'removeFromCart'>(REMOVE, { id: productId });
    expect(lines(removed.body.data!.removeFromCart)).toEqual([[mug, 1]]);
  });

  it('dates the cart by its last change, removals included', async () => {
    const added = await add(lamp, 1);
    await add(mug, 1);
    const before = (await cartOf()).modifiedDate!;
    expect(before >= added.modifiedDate!).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const removed = (await cartCall<'removeFromCart'>(REMOVE, { id: mug })).body.data!.removeFromCart;
    expect(removed.modifiedDate! > before).toBe(true);
  });
});

describe('addToCart', () => {
  it('creates the line, then adds to it, answering the whole cart', async () => {
    const first = await add(lamp, 2);
    expect(first).toEqual({
      items: [{ productId: lamp, quantity: 2, product: { productId: lamp, name: 'Lamp', price: 1000 } }],
      subtotal: 2000,
      modifiedDate: expect.any(String),
    });
    const second = await add(lamp, 3);
    expect(lines(second)).toEqual([[lamp, 5]]);
    expect(second.subtotal).toBe(5000);
    expect(await cartOf()).toEqual(second);
  });

  it.each([0, -1, 1000])('refuses a quantity of %i with BadRequest and changes nothing', async (quantity) => {
    await add(lamp, 1);
    const before = await cartOf();
    expectError(
      await cartCall(ADD, { id: lamp, quantity }),
      'addToCart',
      'BadRequest',
      `quantity must be between 1 and 999, got ${quantity}`,
    );
    expect(await cartOf()).toEqual(before);
  });

  it('answers NotFound for a product that does not exist, and changes nothing', async () => {
    await add(lamp, 1);
    const before = await cartOf();
    const missing = uniqueId('missing');
    expectError(await cartCall(ADD, { id: missing, quantity: 1 }), 'addToCart', 'NotFound', `No product has the id ${missing}.`);
    expectError(await cartCall(ADD, { id: '#cart', quantity: 1 }), 'addToCart', 'NotFound');
    expect(await cartOf()).toEqual(before);
  });

  it('refuses a blank productId with BadRequest', async () => {
    expectError(await cartCall(ADD, { id: ' ', quantity: 1 }), 'addToCart', 'BadRequest', 'productId must not be blank');
  });

  it('fills a line up to 999 units and refuses to go past it, changing nothing', async () => {
    await add(lamp, 990);
    const before = await cartOf();
    expectError(
      await cartCall(ADD, { id: lamp, quantity: 10 }),
      'addToCart',
      'BadRequest',
      `A cart line holds at most 999 units: the line for ${lamp} has 990, and adding 10 would make 1000.`,
    );
    expect(await cartOf()).toEqual(before);
    expect(lines(await add(lamp, 9))).toEqual([[lamp, 999]]);
  });

  it(`holds at most ${MAX_CART_LINES} different products, refusing another and changing nothing`, async () => {
    for (const productId of fillers) await add(productId, 1);
    const full = await cartOf();
    expect(full.items).toHaveLength(MAX_CART_LINES);
    expectError(
      await cartCall(ADD, { id: lamp, quantity: 1 }),
      'addToCart',
      'BadRequest',
      `A cart holds at most ${MAX_CART_LINES} different products: remove one before adding ${lamp}.`,
    );
    expectError(
      await cartCall(UPDATE, { id: lamp, quantity: 1 }),
      'updateCartItem',
      'BadRequest',
      /at most 25 different products/,
    );
    expect(await cartOf()).toEqual(full);

    expect(lines(await add(fillers[0]!, 4))[0]).toEqual([fillers[0], 5]);
    await cartCall(REMOVE, { id: fillers[1] });
    expect(lines(await add(lamp, 1))).toContainEqual([lamp, 1]);
    expect((await cartOf()).items).toHaveLength(MAX_CART_LINES);
  });

  it('adds atomically: 10 concurrent adds of 1 to a new line make 10', async () => {
    const responses = await Promise.all(Array.from({ length: 10 }, () => cartCall(ADD, { id: mug, quantity: 1 })));
    for (const response of responses) expect(response.body.errors).toBeUndefined();
    expect(lines(await cartOf())).toEqual([[mug, 10]]);
  });

  it('adds atomically: 10 concurrent adds of 1 to an existing line make 10 more', async () => {
    await add(mug, 5);
    const responses = await Promise.all(Array.from({ length: 10 }, () => cartCall(ADD, { id: mug, quantity: 1 })));
    for (const response of responses) expect(response.body.errors).toBeUndefined();
    expect(lines(await cartOf())).toEqual([[mug, 15]]);
  });
});

describe('updateCartItem', () => {
  it('sets the quantity of a line', async () => {
    await add(lamp, 5);
    const response = await cartCall<'updateCartItem'>(UPDATE, { id: lamp, quantity: 2 });
    expect(response.body.errors).toBeUndefined();
    expect(lines(response.body.data!.updateCartItem)).toEqual([[lamp, 2]]);
    expect(response.body.data!.updateCartItem.subtotal).toBe(2000);
  });

  it('removes the line at 0', async () => {
    await add(lamp, 5);
    await add(mug, 1);
    const response = await cartCall<'updateCartItem'>(UPDATE, { id: lamp, quantity: 0 });
    expect(lines(response.body.data!.updateCartItem)).toEqual([[mug, 1]]);
  });

  it('creates a line the cart does not have, as adding would', async () => {
    await add(mug, 1);
    const response = await cartCall<'updateCartItem'>(UPDATE, { id: lamp, quantity: 7 });
    expect(lines(response.body.data!.updateCartItem)).toEqual([
      [mug, 1],
      [lamp, 7],
    ]);
  });

  it('changes nothing when setting a line the cart does not have to 0', async () => {
    await add(mug, 1);
    const before = await cartOf();
    const response = await cartCall<'updateCartItem'>(UPDATE, { id: lamp, quantity: 0 });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.updateCartItem).toEqual(before);
  });

  it.each([-1, 1000])('refuses a quantity of %i with BadRequest and changes nothing', async (quantity) => {
    await add(lamp, 3);
    const before = await cartOf();
    expectError(
      await cartCall(UPDATE, { id: lamp, quantity }),
      'updateCartItem',
      'BadRequest',
      `quantity must be between 0 and 999, got ${quantity}`,
    );
    expect(await cartOf()).toEqual(before);
  });

  it('answers NotFound for a product that does not exist, and changes nothing', async () => {
    await add(lamp, 3);
    const before = await cartOf();
    expectError(await cartCall(UPDATE, { id: uniqueId('missing'), quantity: 2 }), 'updateCartItem', 'NotFound');
    expectError(await cartCall(UPDATE, { id: uniqueId('missing'), quantity: 0 }), 'updateCartItem', 'NotFound');
    expect(await cartOf()).toEqual(before);
  });
});

describe('removeFromCart', () => {
  it('removes one line and keeps the others', async () => {
    await add(lamp, 1);
    await add(mug, 4);
    const response = await cartCall<'removeFromCart'>(REMOVE, { id: lamp });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data!.removeFromCart).toEqual({
      items: [{ productId: mug, quantity: 4, product: { productId: mug, name: 'Mug', price: 250 } }],
      subtotal: 1000,
      modifiedDate: expect.any(String),
    });
  });

  it('answers the cart unchanged for a line the cart does not have, or a product that does not exist', async () => {
    await add(mug, 4);
    const before = await cartOf();
    for (const productId of [lamp, uniqueId('missing'), '#cart']) {
      const response = await cartCall<'removeFromCart'>(REMOVE, { id: productId });
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data!.removeFromCart).toEqual(before);
    }
    expect(await cartOf()).toEqual(before);
  });

  it('leaves an emptied cart empty and undated', async () => {
    await add(lamp, 1);
    const response = await cartCall<'removeFromCart'>(REMOVE, { id: lamp });
    expect(response.body.data!.removeFromCart).toEqual({ items: [], subtotal: 0, modifiedDate: null });
  });
});

describe('clearCart', () => {
  it('removes every line and answers the empty cart', async () => {
    await add(lamp, 1);
    await add(mug, 2);
    const response = await cartCall<'clearCart'>(CLEAR, {});
    expect(response.body).toEqual({ data: { clearCart: { items: [], subtotal: 0, modifiedDate: null } } });
    expect(await cartOf()).toEqual({ items: [], subtotal: 0, modifiedDate: null });
  });

  it(`clears a full cart of ${MAX_CART_LINES} lines in one go, and the cart takes new lines again`, async () => {
    for (const productId of fillers) await add(productId, 2);
    expect((await cartOf()).items).toHaveLength(MAX_CART_LINES);
    expect((await cartCall<'clearCart'>(CLEAR, {})).body.errors).toBeUndefined();
    expect((await cartOf()).items).toEqual([]);
    expect(lines(await add(lamp, 1))).toEqual([[lamp, 1]]);
  });

  it('answers an empty cart when the cart is already empty', async () => {
    const response = await cartCall<'clearCart'>(CLEAR, {});
    expect(response.body).toEqual({ data: { clearCart: { items: [], subtotal: 0, modifiedDate: null } } });
  });
});

describe('cart auth', () => {
  it.each([
    ['getCart', GET_CART, {}],
    ['addToCart', ADD, { id: 'demo-books-01', quantity: 1 }],
    ['updateCartItem', UPDATE, { id: 'demo-books-01', quantity: 1 }],
    ['removeFromCart', REMOVE, { id: 'demo-books-01' }],
    ['clearCart', CLEAR, {}],
  ] as const)('denies %s to a guest with Unauthorized', async (field, query, variables) => {
    const response = await graphql(query, variables, guest);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          path: [field],
          errorType: 'Unauthorized',
          message: `Not Authorized to access ${field} on type ${field === 'getCart' ? 'Query' : 'Mutation'}`,
        }),
      ],
    });
  });

  it('lets an admin keep a cart of their own', async () => {
    const cartAdmin = (await createStoreUser(local, 'cart-admin', ['admin'])).headers;
    expect(lines(await add(lamp, 2, cartAdmin))).toEqual([[lamp, 2]]);
    expect(lines(await cartOf(cartAdmin))).toEqual([[lamp, 2]]);
    expect((await cartCall<'clearCart'>(CLEAR, {}, cartAdmin)).body.errors).toBeUndefined();
    expect(await cartOf()).toEqual({ items: [], subtotal: 0, modifiedDate: null });
  });
});
