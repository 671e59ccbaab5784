// What one idempotency key stands for: its scope (the operation, the user, the key) and the
// payload a retry must repeat. The payload is normalized, so that a retry naming the same
// products in another order, or the same product in two lines, is the same request.
//
// Two keep it: Powertools' record, for an hour (checkout/checkoutRoute.ts), and the order itself,
// for as long as it exists: the order placed under a key holds its payload's hash, so that the
// key reused with another payload is IDEMPOTENCY_CONFLICT for ever after.
import { createHash } from 'node:crypto';
import type { CheckoutRequest, Operation, PaymentChoice } from './checkoutRequest.ts';
import type { LineItem } from './lineItems.ts';
import type { AddressItem, OrderItem } from '../../../domain/order.ts';
import { IdempotencyConflictError } from '../errors.ts';

export interface IdempotencyScope {
  readonly operation: Operation;
  readonly userId: string;
  readonly idempotencyKey: string;
}

export interface IdempotencyPayload {
  /** createOrder's lines, by productId; absent for placeOrder, whose lines are the cart's. */
  readonly products?: readonly LineItem[];
  readonly address: AddressItem;
  readonly deliveryPrice: number;
  readonly paymentMethod: PaymentChoice['method'];
  /** CARD only, when given. */
  readonly paymentToken?: string;
}

export function idempotencyPayload(request: CheckoutRequest): IdempotencyPayload {
  const { lines, address, deliveryPrice, payment } = request;
  const products = lines && [...lines].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
  return {
    ...(products ? { products } : {}),
    address,
    deliveryPrice,
    paymentMethod: payment?.method ?? 'CARD',
    ...(payment && 'paymentToken' in payment ? { paymentToken: payment.paymentToken } : {}),
  };
}

/**
 * SHA-256 (hex) of the payload's JSON with every object's keys sorted, so that it depends on the
 * payload's values alone. Held by the order placed under the key (`idempotencyPayloadHash`).
 */
export function idempotencyPayloadHash(payload: IdempotencyPayload): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

/**
 * The order placed under the request's key, when the request repeats its payload; else throws
 * IdempotencyConflictError. An order placed before orders held their payload's hash has none: it
 * is taken as the same, as it always was.
 */
export function assertSamePayload(order: OrderItem, request: CheckoutRequest): OrderItem {
  const held = order.idempotencyPayloadHash;
  if (held !== undefined && held !== idempotencyPayloadHash(idempotencyPayload(request))) {
    throw new IdempotencyConflictError(order.orderId);
  }
  return order;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
