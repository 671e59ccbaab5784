// The cart as the carts table stores it, and its limits. The cart resolvers write it; the orders
// service reads a cart's lines at checkout and takes them out in the order's own transaction.
//
// Key userId + productId. One row per line `{ userId, productId, quantity, addedDate,
// modifiedDate }`, plus one header row per cart under the reserved productId CART_HEADER_ID:
// `{ userId, productId: '#cart', productIds (string set), modifiedDate }`. The header lets one
// request enforce the cap on lines (a condition on the size of its set) and dates the cart when a
// line is removed. Whoever creates or removes a line updates the header in the same transaction,
// so its set always holds exactly the ids of the lines. Product ids never start with '#'
// (putProduct refuses them), so the header never meets a product.

/**
 * The most units of one product a line may hold: a cart line, and an order's line once lines of
 * the same product are merged (a checkout orders a cart's lines as they are).
 */
export const MAX_LINE_QUANTITY = 999;

/**
 * The most lines (different products) one cart may hold. clearCart deletes every line and
 * updates the header in one TransactWriteItems, which takes at most 100 items.
 */
export const MAX_CART_LINES = 25;

/** The sort key (productId) of a cart's header row. */
export const CART_HEADER_ID = '#cart';

/** A line row of the carts table. */
export interface CartLine {
  readonly userId: string;
  readonly productId: string;
  /** 1..MAX_LINE_QUANTITY. */
  readonly quantity: number;
  readonly addedDate: string;
  readonly modifiedDate: string;
}

/** The header row of a cart: absent until the cart's first line; its set absent once it empties. */
export interface CartHeader {
  readonly userId: string;
  readonly productId: string;
  readonly productIds?: string[] | null;
  readonly modifiedDate?: string | null;
}

/** Ids starting with '#' never name a product (putProduct refuses them): the header's is one. */
export function isReservedId(productId: string): boolean {
  return productId.startsWith('#');
}

/** Whether a row of the carts table is a line: not the header, and with a quantity. */
export function isCartLine(row: { readonly productId: string; readonly quantity?: unknown }): row is CartLine {
  return row.productId !== CART_HEADER_ID && typeof row.quantity === 'number';
}
