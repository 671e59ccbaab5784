// The life of an order, in one place: the steps between its statuses, who may take each, and what
// reaching a status does to the order's payment and stock.
//
//   AWAITING_PAYMENT → NEW | CANCELLED (the gateway payment's outcome)
//   NEW → PACKAGING → PACKAGED → IN_DELIVERY → FULFILLED
//   NEW → CANCELLED (the owner), PACKAGING → PACKAGING_FAILED, IN_DELIVERY → DELIVERY_FAILED
//
// The orders service creates an order NEW (paid by card) or AWAITING_PAYMENT (paid at a
// gateway); the payment's outcome moves the latter on (PAYMENT_OUTCOMES, taken by the orders
// service's paymentOutcome handler). Each other step is one mutation whose resolver takes it
// (resolvers/lib/orderTransitions.ts: a write conditional on the `from` status). The table's
// stream turns each change into OrderStatusChanged, and the bus routes the statuses below to the
// payment service (capture, release) and the products service (stock back): system/events.ts.
import type { OrderStatus } from '../generated/graphql.ts';
import type { StaffGroup } from './users.ts';

export interface OrderTransition {
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  /**
   * The groups the schema lets call the mutation (its `@aws_cognito_user_pools(cognito_groups)`);
   * empty when any signed-in user may.
   */
  readonly groups: readonly StaffGroup[];
  /** Only the order's owner may take the step: to anyone else their order is unknown (NotFound). */
  readonly ownerOnly: boolean;
  /** The order's `statusReason` after the step: why, where `to` alone does not say; else null. */
  readonly reason: StatusReason | null;
}

/** Why an order is in its status, where the status alone does not say (the order's `statusReason`). */
export type StatusReason = 'CANCELLED_BY_CUSTOMER' | 'PAYMENT_FAILED' | 'PAYMENT_EXPIRED';

/** Every step of an order's life, under the name of the mutation that takes it. */
export const ORDER_TRANSITIONS = {
  cancelOrder: { from: 'NEW', to: 'CANCELLED', groups: [], ownerOnly: true, reason: 'CANCELLED_BY_CUSTOMER' },
  startPackaging: { from: 'NEW', to: 'PACKAGING', groups: ['admin', 'warehouse'], ownerOnly: false, reason: null },
  completePackaging: { from: 'PACKAGING', to: 'PACKAGED', groups: ['admin', 'warehouse'], ownerOnly: false, reason: null },
  failPackaging: { from: 'PACKAGING', to: 'PACKAGING_FAILED', groups: ['admin', 'warehouse'], ownerOnly: false, reason: null },
  startDelivery: { from: 'PACKAGED', to: 'IN_DELIVERY', groups: ['admin', 'delivery'], ownerOnly: false, reason: null },
  completeDelivery: { from: 'IN_DELIVERY', to: 'FULFILLED', groups: ['admin', 'delivery'], ownerOnly: false, reason: null },
  failDelivery: { from: 'IN_DELIVERY', to: 'DELIVERY_FAILED', groups: ['admin', 'delivery'], ownerOnly: false, reason: null },
} as const satisfies Readonly<Record<string, OrderTransition>>;

/** A mutation that moves an order from one status to another. */
export type OrderTransitionField = keyof typeof ORDER_TRANSITIONS;

/** A step the payment service's events take (no one calls it): the gateway payment's outcome. */
export interface PaymentOutcome {
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  readonly reason: StatusReason | null;
}

/** What each gateway payment event (source ecommerce.payment) does to an order awaiting it. */
export const PAYMENT_OUTCOMES = {
  PaymentSucceeded: { from: 'AWAITING_PAYMENT', to: 'NEW', reason: null },
  PaymentFailed: { from: 'AWAITING_PAYMENT', to: 'CANCELLED', reason: 'PAYMENT_FAILED' },
  PaymentExpired: { from: 'AWAITING_PAYMENT', to: 'CANCELLED', reason: 'PAYMENT_EXPIRED' },
} as const satisfies Readonly<Record<string, PaymentOutcome>>;

export type PaymentOutcomeEvent = keyof typeof PAYMENT_OUTCOMES;

export interface StatusEffects {
  /**
   * What reaching the status does to the order's payment: CAPTURE it (the order was delivered),
   * RELEASE it (the order ended without delivery), or nothing (null).
   */
  readonly payment: 'CAPTURE' | 'RELEASE' | null;
  /** Whether reaching the status puts the order's units back in stock. */
  readonly returnsStock: boolean;
}

/**
 * Every status an order can be in (the schema's OrderStatus, in its order), and what reaching it
 * does. Only final statuses (no step leaves them) settle anything, so each happens once per order.
 */
export const ORDER_STATUSES: { readonly [Status in OrderStatus]: StatusEffects } = {
  AWAITING_PAYMENT: { payment: null, returnsStock: false },
  NEW: { payment: null, returnsStock: false },
  PACKAGING: { payment: null, returnsStock: false },
  PACKAGED: { payment: null, returnsStock: false },
  PACKAGING_FAILED: { payment: 'RELEASE', returnsStock: true },
  IN_DELIVERY: { payment: null, returnsStock: false },
  FULFILLED: { payment: 'CAPTURE', returnsStock: false },
  DELIVERY_FAILED: { payment: 'RELEASE', returnsStock: true },
  CANCELLED: { payment: 'RELEASE', returnsStock: true },
};

/** Whether `value` names one of the schema's order statuses. */
export function isOrderStatus(value: string): value is OrderStatus {
  return Object.keys(ORDER_STATUSES).includes(value);
}

/** What reaching `status` does to the payment; null for a status that settles nothing, or no status at all. */
export function paymentEffectOf(status: string): StatusEffects['payment'] {
  return isOrderStatus(status) ? ORDER_STATUSES[status].payment : null;
}

/** The statuses that capture or release the order's payment. */
export function paymentSettlingStatuses(): OrderStatus[] {
  return orderStatuses().filter((status) => ORDER_STATUSES[status].payment !== null);
}

/** The statuses that put the order's units back in stock. */
export function stockReturningStatuses(): OrderStatus[] {
  return orderStatuses().filter((status) => ORDER_STATUSES[status].returnsStock);
}

function orderStatuses(): OrderStatus[] {
  return Object.keys(ORDER_STATUSES) as OrderStatus[];
}
