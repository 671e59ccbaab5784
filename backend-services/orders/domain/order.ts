// An order as the orders table holds it, and as the API answers it (the GraphQL `Order`).
// Optional attributes are absent, never null; a payment token is never part of an order.
import type { Package } from '../../../domain/catalog.ts';
import type { OrderStatus } from '../../../generated/graphql.ts';

export type { OrderStatus };

/** A product as it was when the order was placed. */
export interface OrderProduct {
  readonly productId: string;
  readonly name: string;
  /** Cents, from the catalog. */
  readonly price: number;
  readonly quantity: number;
  readonly package: Package;
}

export interface Address {
  readonly name: string;
  readonly companyName?: string;
  readonly streetAddress: string;
  readonly postCode?: string;
  readonly city: string;
  readonly state?: string;
  /** As given, upper-cased. */
  readonly country: string;
  readonly phoneNumber: string;
}

export interface OrderItem {
  readonly orderId: string;
  readonly userId: string;
  readonly status: OrderStatus;
  /** Set by every status change; absent on a NEW order. */
  readonly previousStatus?: OrderStatus;
  readonly products: readonly OrderProduct[];
  readonly address: Address;
  /** Cents. */
  readonly deliveryPrice: number;
  /** Σ price × quantity, in cents. */
  readonly subtotal: number;
  /** subtotal + deliveryPrice, in cents. */
  readonly total: number;
  readonly createdDate: string;
  readonly modifiedDate: string;
  readonly idempotencyKey?: string;
}

/** The GraphQL `Order`. */
export type Order = Pick<OrderItem, 'orderId' | 'userId' | 'status' | 'products' | 'address' | 'deliveryPrice' | 'total' | 'createdDate' | 'modifiedDate'>;

export function toOrder(item: OrderItem): Order {
  const { orderId, userId, status, products, address, deliveryPrice, total, createdDate, modifiedDate } = item;
  return { orderId, userId, status, products, address, deliveryPrice, total, createdDate, modifiedDate };
}
