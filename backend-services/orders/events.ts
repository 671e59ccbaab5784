// The events the orders service emits, one factory per type. They are facts about the orders
// table, published from its stream (source ecommerce.orders). They carry no address and never a
// payment token.
import type { DomainEvent } from '../platform/eventBus.ts';
import type { OrderItem } from '../../domain/order.ts';
import type { OrderStatus } from '../../generated/graphql.ts';

export const SOURCE = 'ecommerce.orders';

export interface OrderCreatedDetail {
  readonly orderId: string;
  readonly userId: string;
  readonly status: OrderStatus;
  readonly products: readonly { readonly productId: string; readonly quantity: number; readonly price: number }[];
  readonly deliveryPrice: number;
  readonly subtotal: number;
  readonly total: number;
  readonly createdDate: string;
  /** The order's first status date (its createdDate), so that its NEW status publishes like any later one. */
  readonly modifiedDate: string;
}

export interface OrderStatusChangedDetail {
  readonly orderId: string;
  readonly userId: string;
  readonly status: OrderStatus;
  readonly previousStatus: OrderStatus;
  /** Why the order is in its new status, where the status alone does not say; else null. */
  readonly statusReason: string | null;
  readonly modifiedDate: string;
  readonly products: readonly { readonly productId: string; readonly quantity: number }[];
  readonly total: number;
}

export type OrderCreated = DomainEvent<'OrderCreated', OrderCreatedDetail>;
export type OrderStatusChanged = DomainEvent<'OrderStatusChanged', OrderStatusChangedDetail>;
export type OrderEvent = OrderCreated | OrderStatusChanged;

export function orderCreated(order: OrderItem, time?: Date): OrderCreated {
  const { orderId, userId, status, deliveryPrice, subtotal, total, createdDate, modifiedDate } = order;
  const products = order.products.map(({ productId, quantity, price }) => ({ productId, quantity, price }));
  return {
    source: SOURCE,
    detailType: 'OrderCreated',
    detail: { orderId, userId, status, products, deliveryPrice, subtotal, total, createdDate, modifiedDate },
    ...(time ? { time } : {}),
  };
}

/** Undefined when the status did not change: other writes are no fact worth telling. */
export function orderStatusChanged(old: OrderItem, order: OrderItem, time?: Date): OrderStatusChanged | undefined {
  if (old.status === order.status) return undefined;
  const { orderId, userId, status, modifiedDate, total } = order;
  const products = order.products.map(({ productId, quantity }) => ({ productId, quantity }));
  return {
    source: SOURCE,
    detailType: 'OrderStatusChanged',
    detail: {
      orderId,
      userId,
      status,
      previousStatus: old.status,
      statusReason: order.statusReason ?? null,
      modifiedDate,
      products,
      total,
    },
    ...(time ? { time } : {}),
  };
}
