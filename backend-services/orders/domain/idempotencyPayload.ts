// What one idempotency key stands for: its scope (the operation, the user, the key) and the
// payload a retry must repeat. The payload is normalized, so that a retry naming the same
// products in another order, or the same product in two lines, is the same request.
import type { CheckoutRequest, Operation, PaymentChoice } from './checkoutRequest.ts';
import type { LineItem } from './lineItems.ts';
import type { AddressItem } from '../../../domain/order.ts';

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
  /** CARD only. */
  readonly paymentToken?: string;
}

export function idempotencyPayload(request: CheckoutRequest): IdempotencyPayload {
  const { lines, address, deliveryPrice, payment } = request;
  const products = lines && [...lines].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
  return {
    ...(products ? { products } : {}),
    address,
    deliveryPrice,
    paymentMethod: payment.method,
    ...('paymentToken' in payment ? { paymentToken: payment.paymentToken } : {}),
  };
}
