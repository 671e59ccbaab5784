// The cart as stored and as returned.
//
// Storage (the carts table, key userId + productId): one row per line
// `{ userId, productId, quantity, addedDate, modifiedDate }`, plus one header row per cart under
// the reserved productId CART_HEADER_ID: `{ userId, productId: '#cart', productIds (string set),
// modifiedDate }`. The header lets one request enforce the cap on lines (a condition on the size
// of its set) and dates the cart when a line is removed. Creating or removing a line updates the
// header in the same transaction, so its set always holds exactly the ids of the lines; changing
// the quantity of an existing line is a single-item update, atomic and never refused for a
// concurrent change (DynamoDB cancels overlapping transactions on an item instead of queueing
// them: those come back as Conflict). Product ids never start with '#': putProduct refuses them.
//
// Reading: a line whose product was deleted since it was added stays in the cart with
// `product: null` and counts 0 in the subtotal, so the shopper sees it and can remove it.
import { util } from '@aws-appsync/utils';
import type { Cart, CartItem, Product } from '../../generated/graphql';
import { ErrorType } from './errors';

/** The most units one line may hold. */
export const MAX_LINE_QUANTITY = 999;

/**
 * The most lines (different products) one cart may hold. clearCart deletes every line and
 * updates the header in one TransactWriteItems, which takes at most 100 items.
 */
export const MAX_CART_LINES = 25;

/** The sort key of the cart's header row. */
export const CART_HEADER_ID = '#cart';

export interface CartLine {
  userId: string;
  productId: string;
  quantity: number;
  addedDate: string;
  modifiedDate: string;
}

export interface CartHeader {
  userId: string;
  productId: string;
  productIds?: string[] | null;
  modifiedDate?: string | null;
}

/** What the cart functions leave in ctx.stash for the next function and the resolver. */
export interface CartStash {
  /** requireProduct: the caller's line for ctx.args.productId, null when there is none. */
  line?: CartLine | null;
  /** requireProduct: the caller's cart header, null when there is none. */
  header?: CartHeader | null;
  /** getCartLines: the caller's lines, by addedDate then productId. */
  lines?: CartLine[];
  /** getCartLines: when the cart last changed; null for an empty cart. */
  cartModifiedDate?: string | null;
  /** getCartProducts: the lines' products by id (a deleted product is absent). */
  products?: Record<string, Product>;
}

/** Refuses a quantity outside min..MAX_LINE_QUANTITY (min is 1 to add, 0 to set). */
export function assertQuantity(quantity: number, min: number): void {
  if (quantity < min || quantity > MAX_LINE_QUANTITY) {
    util.error(`quantity must be between ${min} and ${MAX_LINE_QUANTITY}, got ${quantity}`, ErrorType.BadRequest);
  }
}

export function assertProductId(productId: string): void {
  if (productId.trim() === '') {
    util.error('productId must not be blank', ErrorType.BadRequest);
  }
}

export function lineKey(userId: string, productId: string): Record<string, unknown> {
  return { userId: { S: userId }, productId: { S: productId } };
}

export function headerKey(userId: string): Record<string, unknown> {
  return lineKey(userId, CART_HEADER_ID);
}

/** Ids starting with '#' never name a product (putProduct refuses them): the header's is one. */
export function isReservedId(productId: string): boolean {
  return productId.startsWith('#');
}

/** Whether a row of the carts table is a line (the header has no quantity). */
export function isLine(row: { productId: string; quantity?: number | null }): boolean {
  return row.productId !== CART_HEADER_ID && typeof row.quantity === 'number';
}

export function emptyCart(): Cart {
  return { items: [], subtotal: 0, modifiedDate: null };
}

/** The cart of the lines and products a pipeline left in the stash. */
export function buildCart(stash: CartStash): Cart {
  const lines = stash.lines ?? [];
  const products = stash.products ?? {};
  const items: CartItem[] = [];
  let subtotal = 0;
  for (const line of lines) {
    const product = products[line.productId] ?? null;
    if (product) {
      subtotal += product.price * line.quantity;
    }
    items.push({ productId: line.productId, quantity: line.quantity, product });
  }
  return { items, subtotal, modifiedDate: lines.length > 0 ? (stash.cartModifiedDate ?? null) : null };
}

/** Lines ordered by addedDate, then productId (an insertion sort: APPSYNC_JS has no sort comparator). */
export function sortLines(lines: CartLine[]): CartLine[] {
  const sorted: CartLine[] = [];
  for (const line of lines) {
    let at = sorted.length;
    let index = 0;
    for (const other of sorted) {
      if (at === sorted.length && comesBefore(line, other)) {
        at = index;
      }
      index += 1;
    }
    sorted.splice(at, 0, line);
  }
  return sorted;
}

function comesBefore(a: CartLine, b: CartLine): boolean {
  if (a.addedDate !== b.addedDate) {
    return a.addedDate < b.addedDate;
  }
  return a.productId < b.productId;
}

/** The later of two ISO-8601 dates in the same format; null when both are missing. */
export function laterDate(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) {
    return b ?? null;
  }
  if (!b) {
    return a;
  }
  return a > b ? a : b;
}
