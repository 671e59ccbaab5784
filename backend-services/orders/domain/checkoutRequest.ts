// The bodies of the two checkout routes, validated and normalized into one CheckoutRequest:
//   POST /orders   { userId, customerEmail?, order: { products, address, deliveryPrice, paymentMethod?, paymentToken? }, idempotencyKey? }
//   POST /checkout { userId, customerEmail?, input: { address, deliveryPrice, paymentMethod?, paymentToken? }, idempotencyKey? }
// customerEmail is the caller's token's `email` claim, which the API adds beside userId: where the
// order's emails go. It is not part of what an idempotency key stands for (a refreshed token may
// carry another), and one that is not an address is dropped rather than refused: no customer typed it.
// paymentMethod is CARD (the default), with the card pre-authorisation's paymentToken, or
// GATEWAY, without one: the shopper pays on the gateway's page once the order is placed. CARD
// without a token parses (no `payment`): only an order that costs nothing can be placed so, which
// checkout knows once it has the catalog's prices and the quote.
// Every problem is reported, not only the first.
import { parseAddress } from './address.ts';
import { type LineItem, parseLineItems } from './lineItems.ts';
import type { AddressItem } from '../../../domain/order.ts';

export type Operation = 'createOrder' | 'placeOrder';

/** How the order is paid: a card pre-authorised before checkout, or a gateway payment started by it. */
export type PaymentChoice = { readonly method: 'CARD'; readonly paymentToken: string } | { readonly method: 'GATEWAY' };

const PAYMENT_METHODS = ['CARD', 'GATEWAY'];

export interface CheckoutRequest {
  readonly operation: Operation;
  readonly userId: string;
  /** Where the order's emails go (the token's `email` claim), when it had one. */
  readonly customerEmail?: string;
  readonly idempotencyKey?: string;
  /** createOrder: the merged lines. placeOrder: absent, the lines are the caller's cart. */
  readonly lines?: readonly LineItem[];
  readonly address: AddressItem;
  /** Cents, as the client was quoted. */
  readonly deliveryPrice: number;
  /**
   * Absent: CARD (given or by default) without a paymentToken, which only an order whose total
   * is 0 may be. A free order is placed without a payment, whatever is given here.
   */
  readonly payment?: PaymentChoice;
}

export type ParsedCheckout = { readonly request: CheckoutRequest } | { readonly problems: readonly string[] };

/**
 * createOrder's lines go in one TransactWriteItems (at most 100 items) with the order, each with
 * its stock update and its ledger movement: 1 + 2 × 49 = 99.
 */
export const MAX_ORDER_LINES = 49;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,64}$/;
/** An address as far as it matters here: one @, something either side, no spaces; at most RFC 5321's 254. */
const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+$/u;
const MAX_EMAIL_LENGTH = 254;

export function parseCreateOrderRequest(body: unknown): ParsedCheckout {
  return parseCheckout('createOrder', body, 'order');
}

export function parsePlaceOrderRequest(body: unknown): ParsedCheckout {
  return parseCheckout('placeOrder', body, 'input');
}

function parseCheckout(operation: Operation, body: unknown, container: 'order' | 'input'): ParsedCheckout {
  if (!isObject(body))
    return { problems: [`The body must be a JSON object: {"userId", "${container}": {...}, "idempotencyKey"}.`] };
  const problems: string[] = [];
  const { userId, idempotencyKey } = body;
  if (typeof userId !== 'string' || userId.trim() === '') problems.push('userId must be given and not blank.');
  if (
    idempotencyKey !== undefined &&
    idempotencyKey !== null &&
    (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyKey))
  ) {
    problems.push('idempotencyKey, when given, must be 1 to 64 characters of letters, digits and . _ : -');
  }
  const fields = body[container];
  if (!isObject(fields)) return { problems: [...problems, `${container} must be an object.`] };
  const lines = operation === 'createOrder' ? parseLineItems(fields.products, MAX_ORDER_LINES, problems) : undefined;
  const address = parseAddress(fields.address, problems);
  const { deliveryPrice } = fields;
  if (!Number.isSafeInteger(deliveryPrice) || (deliveryPrice as number) < 0) {
    problems.push(
      `deliveryPrice must be a whole number of cents, 0 or more; it is ${JSON.stringify(deliveryPrice) ?? 'missing'}.`,
    );
  }
  const payment = parsePaymentChoice(fields, problems);
  if (problems.length > 0 || !address) return { problems };
  return {
    request: {
      operation,
      userId: userId as string,
      ...customerEmailOf(body.customerEmail),
      ...(typeof idempotencyKey === 'string' ? { idempotencyKey } : {}),
      ...(lines ? { lines } : {}),
      address,
      deliveryPrice: deliveryPrice as number,
      ...(payment ? { payment } : {}),
    },
  };
}

function customerEmailOf(value: unknown): { customerEmail?: string } {
  return typeof value === 'string' && value.length <= MAX_EMAIL_LENGTH && EMAIL_ADDRESS.test(value)
    ? { customerEmail: value }
    : {};
}

/** Undefined for CARD without a token (and for a problem, which is listed). */
function parsePaymentChoice(fields: Record<string, unknown>, problems: string[]): PaymentChoice | undefined {
  const { paymentMethod, paymentToken } = fields;
  const method = paymentMethod ?? 'CARD';
  const hasToken = paymentToken !== undefined && paymentToken !== null;
  if (typeof method !== 'string' || !PAYMENT_METHODS.includes(method)) {
    problems.push(`paymentMethod, when given, must be CARD or GATEWAY; it is ${JSON.stringify(paymentMethod)}.`);
    return undefined;
  }
  if (method === 'GATEWAY') {
    if (hasToken)
      problems.push('paymentToken must not be given with paymentMethod GATEWAY: the shopper pays on the gateway’s page.');
    return { method };
  }
  if (!hasToken) return undefined;
  if (typeof paymentToken !== 'string' || paymentToken.trim() === '') {
    problems.push('paymentToken, when given, must be a string that is not blank.');
    return undefined;
  }
  return { method: 'CARD', paymentToken };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
