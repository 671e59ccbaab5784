// The errors of a CreateOrderResponse, one factory per code. Messages are for people: they name
// the product and the values concerned.
import type { OrderErrorCode } from '../../../generated/graphql.ts';
import { MAX_ORDER_TOTAL } from '../../../domain/money.ts';

export type { OrderErrorCode };

export interface OrderError {
  readonly code: OrderErrorCode;
  readonly message: string;
  /** Only for errors about one product. */
  readonly productId?: string;
}

export interface NamedProduct {
  readonly productId: string;
  readonly name: string;
}

export function invalidInput(message: string): OrderError {
  return { code: 'INVALID_INPUT', message };
}

export function unknownProduct(productId: string): OrderError {
  return { code: 'UNKNOWN_PRODUCT', message: `No product has the id "${productId}".`, productId };
}

/** `available` is undefined when the product's stock is not known. */
export function outOfStock(product: NamedProduct, ordered: number, available?: number): OrderError {
  const left =
    available === undefined
      ? 'not enough are left'
      : `only ${Math.max(available, 0)} ${Math.max(available, 0) === 1 ? 'is' : 'are'} left`;
  return {
    code: 'OUT_OF_STOCK',
    message: `"${product.name}" (${product.productId}) is out of stock: ${ordered} ordered, ${left}.`,
    productId: product.productId,
  };
}

export function wrongDeliveryPrice(given: number, quoted: number, country: string): OrderError {
  return {
    code: 'WRONG_DELIVERY_PRICE',
    message: `The delivery price given, ${given}, is not the delivery price of these products to ${country}, which is ${quoted} (in cents).`,
  };
}

/** An order past MAX_ORDER_TOTAL (domain/money.ts), refused before any payment. */
export function totalTooLarge(total: number): OrderError {
  return {
    code: 'INVALID_INPUT',
    message: `The order's total would be ${total}; an order may total at most ${MAX_ORDER_TOTAL} (in cents): order fewer units, or split the order.`,
  };
}

export function paymentDeclined(reason: string): OrderError {
  return { code: 'PAYMENT_DECLINED', message: reason };
}

export function emptyCart(): OrderError {
  return { code: 'EMPTY_CART', message: 'The cart is empty: there is nothing to order.' };
}

export function idempotencyConflict(idempotencyKey: string): OrderError {
  return {
    code: 'IDEMPOTENCY_CONFLICT',
    message: `The idempotency key "${idempotencyKey}" was already used for a different order; use a new key for a new order.`,
  };
}

export function serviceUnavailable(message: string): OrderError {
  return { code: 'SERVICE_UNAVAILABLE', message };
}
