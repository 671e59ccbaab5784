// Orders as the orders table holds them, and as the API answers them.
//
// The orders service writes an order once (with snapshots of its products' names, prices and
// packages); from then on only its status changes, through orderTransitions.ts. Optional
// attributes are absent from the item, and answered as null.
import { util } from '@aws-appsync/utils';
import { query } from '@aws-appsync/utils/dynamodb';
import type { Address, Delivery, Order, OrderProduct, OrderStatus, PackagingRequest } from '../../generated/graphql';
import { ErrorType } from './errors';
import { type PageArguments, pageRequest } from './page';

export interface OrderItem {
  orderId: string;
  userId: string;
  status: OrderStatus;
  /** The status before the last change; absent on a NEW order. */
  previousStatus?: OrderStatus;
  products: OrderProduct[];
  address: AddressItem;
  deliveryPrice: number;
  subtotal: number;
  total: number;
  createdDate: string;
  modifiedDate: string;
}

export interface AddressItem {
  name: string;
  companyName?: string;
  streetAddress: string;
  postCode?: string;
  city: string;
  state?: string;
  country: string;
  phoneNumber: string;
}

export function toOrder(item: OrderItem): Order {
  const products: OrderProduct[] = [];
  for (const product of item.products) {
    products.push({
      productId: product.productId,
      name: product.name,
      price: product.price,
      quantity: product.quantity,
      package: {
        width: product.package.width,
        length: product.package.length,
        height: product.package.height,
        weight: product.package.weight,
      },
    });
  }
  return {
    orderId: item.orderId,
    userId: item.userId,
    status: item.status,
    products,
    address: toAddress(item.address),
    deliveryPrice: item.deliveryPrice,
    total: item.total,
    createdDate: item.createdDate,
    modifiedDate: item.modifiedDate,
  };
}

/** An order as the warehouse's pick list. */
export function toPackagingRequest(item: OrderItem): PackagingRequest {
  const products: PackagingRequest['products'] = [];
  for (const product of item.products) {
    products.push({ productId: product.productId, quantity: product.quantity });
  }
  return { orderId: item.orderId, status: item.status, products };
}

/** An order as the delivery staff's run sheet. */
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

/** Refuses a blank orderId before anything is read. */
export function assertOrderId(orderId: string): void {
  if (orderId.trim() === '') {
    util.error('orderId must not be blank', ErrorType.BadRequest);
  }
}

export function orderNotFoundMessage(orderId: string): string {
  return `No order has the id ${orderId}.`;
}

/** A page of the orders in one status, oldest first, through the byStatus index. */
export function statusQueueRequest(status: OrderStatus, args: PageArguments) {
  return query<OrderItem>({ index: 'byStatus', query: { status: { eq: status } }, scanIndexForward: true, ...pageRequest(args) });
}
