// An order as the orders table holds it, and the one mapping of it to what the API answers
// (`Order`, and the back office's `PackagingRequest` and `Delivery`).
//
// The orders service writes an order once, with a snapshot of each product's name, price and
// package; from then on only its status changes (orderLifecycle.ts). Optional attributes are
// absent from the item, never null, and a payment token is never part of it (it enters only a
// SHA-256, idempotencyPayloadHash). The API answers
// every field the schema declares: an optional address field that is absent is null, and
// attributes the schema does not know (subtotal, previousStatus, idempotencyKey,
// idempotencyPayloadHash) stay behind.
import type { Address, Delivery, Order, OrderProduct, OrderStatus, PackagingRequest } from '../generated/graphql.ts';
import type { Package } from './catalog.ts';

/** A product as it was when the order was placed, and how many of it. */
export interface ProductSnapshot {
  readonly productId: string;
  readonly name: string;
  /** Cents, from the catalog. */
  readonly price: number;
  readonly quantity: number;
  readonly package: Package;
}

/** The delivery address as stored: the optional fields absent when not given. */
export interface AddressItem {
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

/** An item of the orders table. */
export interface OrderItem {
  readonly orderId: string;
  readonly userId: string;
  readonly status: OrderStatus;
  /** Set by every status change; absent on a NEW order. */
  readonly previousStatus?: OrderStatus;
  /** Why the order is in its status, where the status alone does not say (orderLifecycle.ts's StatusReason). */
  readonly statusReason?: string;
  readonly products: readonly ProductSnapshot[];
  readonly address: AddressItem;
  /** Cents. */
  readonly deliveryPrice: number;
  /** Σ price × quantity, in cents. */
  readonly subtotal: number;
  /** subtotal + deliveryPrice, in cents. */
  readonly total: number;
  readonly createdDate: string;
  readonly modifiedDate: string;
  /** The checkout's idempotency key, when it had one. */
  readonly idempotencyKey?: string;
  /**
   * With idempotencyKey: a SHA-256 of the checkout's normalized payload (the orders service's
   * domain/idempotencyPayload.ts), so that the key reused with another payload is refused as long
   * as the order exists. Absent on orders placed before it was kept.
   */
  readonly idempotencyPayloadHash?: string;
  /**
   * Where the customer's emails about the order go: the `email` claim of the token that placed it,
   * snapshotted then, so that sending needs no user-pool lookup. Absent when the token had none.
   */
  readonly customerEmail?: string;
}

/**
 * The order as the API answers it (the schema's `Order`), but for its payment, invoice and credit
 * notes: the payment and invoices services hold those, and their fields' own resolvers ask them.
 */
export type OrderFields = Omit<Order, 'payment' | 'invoice' | 'creditNotes'>;

/** The order as the API answers it (the schema's `Order`), payment and documents aside (OrderFields). */
export function toOrder(item: OrderItem): OrderFields {
  const products: OrderProduct[] = [];
  for (const product of item.products) {
    products.push({
      productId: product.productId,
      name: product.name,
      price: product.price,
      quantity: product.quantity,
      package: toPackage(product.package),
    });
  }
  return {
    orderId: item.orderId,
    userId: item.userId,
    status: item.status,
    statusReason: item.statusReason ?? null,
    products,
    address: toAddress(item.address),
    deliveryPrice: item.deliveryPrice,
    total: item.total,
    createdDate: item.createdDate,
    modifiedDate: item.modifiedDate,
  };
}

/** The order as the warehouse's pick list. */
export function toPackagingRequest(item: OrderItem): PackagingRequest {
  const products: PackagingRequest['products'] = [];
  for (const product of item.products) {
    products.push({ productId: product.productId, quantity: product.quantity });
  }
  return { orderId: item.orderId, status: item.status, products };
}

/** The order as the delivery staff's run sheet. */
export function toDelivery(item: OrderItem): Delivery {
  return { orderId: item.orderId, status: item.status, address: toAddress(item.address) };
}

function toAddress(address: AddressItem): Address {
  return {
    name: address.name,
    companyName: address.companyName ?? null,
    streetAddress: address.streetAddress,
    postCode: address.postCode ?? null,
    city: address.city,
    state: address.state ?? null,
    country: address.country,
    phoneNumber: address.phoneNumber,
  };
}

function toPackage(box: Package): Package {
  return { width: box.width, length: box.length, height: box.height, weight: box.weight };
}
