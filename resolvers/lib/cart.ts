// The cart as the API answers it, and the checks and keys the cart resolvers share. How the
// carts table holds a cart (line rows and a header row) and its limits: domain/cart.ts.
//
// Changing the quantity of an existing line is a single-item update, atomic and never refused
// for a concurrent change; creating or removing a line is a transaction with the header
// (cartWrites.ts), and DynamoDB cancels overlapping transactions on an item instead of queueing
// them: those come back as Conflict.
//
// Reading: a line whose product was deleted since it was added stays in the cart with
// `product: null` and counts 0 in the subtotal, so the shopper sees it and can remove it.
import { util } from '@aws-appsync/utils';
import type { Cart, CartItem, Product } from '../../generated/graphql';
import { CART_HEADER_ID, type CartHeader, type CartLine, MAX_LINE_QUANTITY } from '../../domain/cart';
import { ErrorType } from './errors';

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
