// Orders whose status changes tests watch through `onOrderStatusChanged`: a new order placed over
// GraphQL by a shopper, and the back office moving it from NEW to FULFILLED, step by step. Every
// status an order takes is published, its creation (NEW, from no status) included.
import type { EventBridgeEvent } from 'appsync-local/eventbridge/event.ts';
import { expect } from 'vitest';
import type { LocalEndpoints } from '../../local/outputs.ts';
import type { Order, OrderStatus } from '../../generated/graphql.ts';
import { EVENT_RULES } from '../../system/events.ts';
import { createOrder, deliveryPricing, moveOrder, preauthorize } from './checkout.ts';
import { type Headers, productInput, putProduct, uniqueId } from './storeApi.ts';

/** The subscription as a shopper's app would write it. */
export const ON_ORDER_STATUS_CHANGED = `subscription OnOrderStatusChanged($orderId: ID) {
  onOrderStatusChanged(orderId: $orderId) { orderId userId status previousStatus modifiedDate }
}`;

export interface OrderStatusUpdate {
  orderId: string;
  userId: string;
  status: OrderStatus;
  previousStatus: OrderStatus | null;
  modifiedDate: string;
}

/** A signed-in user's request headers: the ID token. */
export type SignedIn = { authorization: string };

export interface BackOffice {
  warehouse: SignedIn;
  delivery: SignedIn;
}

export interface FulfilmentStep {
  mutation: string;
  by: keyof BackOffice;
  from: OrderStatus;
  to: OrderStatus;
}

/** NEW → PACKAGING → PACKAGED → IN_DELIVERY → FULFILLED, by the users allowed each step. */
export const FULFILMENT: readonly FulfilmentStep[] = [
  { mutation: 'startPackaging', by: 'warehouse', from: 'NEW', to: 'PACKAGING' },
  { mutation: 'completePackaging', by: 'warehouse', from: 'PACKAGING', to: 'PACKAGED' },
  { mutation: 'startDelivery', by: 'delivery', from: 'PACKAGED', to: 'IN_DELIVERY' },
  { mutation: 'completeDelivery', by: 'delivery', from: 'IN_DELIVERY', to: 'FULFILLED' },
];

/** What a subscriber should see of each step. */
export function expectedUpdates(orderId: string, steps: readonly FulfilmentStep[] = FULFILMENT) {
  return steps.map((step) => ({ orderId, previousStatus: step.from, status: step.to }));
}

/** What a subscriber from before the order existed should see: its creation, then every step. */
export function expectedLife(orderId: string) {
  return [{ orderId, previousStatus: null, status: 'NEW' }, ...expectedUpdates(orderId)];
}

/** The rule whose AppSync target publishes orders' status changes to subscribers. */
const PUBLISH_RULE = EVENT_RULES.find((rule) =>
  rule.targets.some((target) => target.type === 'APPSYNC' && target.document.includes('publishOrderStatus')),
)?.name;

/**
 * A NEW order of one unit of a product made for it, placed by `shopper` with a pre-authorised
 * card. Unless `published` is false, it resolves once the order's creation has been published to
 * subscribers, so that a subscription started afterwards receives its status changes only.
 */
export async function placeNewOrder(local: LocalEndpoints, shopper: Headers, admin: Headers, published = true): Promise<Order> {
  const product = await putProduct(
    local.graphqlUrl,
    admin,
    productInput({ productId: uniqueId('realtime'), name: 'Realtime Lamp', price: 1200, stock: 5 }),
  );
  const products = [{ productId: product.productId, quantity: 1 }];
  const deliveryPrice = await deliveryPricing(local, shopper, products);
  const paymentToken = await preauthorize(local, product.price + deliveryPrice);
  const response = await createOrder(local, shopper, { products, deliveryPrice, paymentToken });
  if (!response.success || !response.order) throw new Error(`createOrder failed: ${JSON.stringify(response.errors)}`);
  if (published) await untilCreationPublished(local, response.order.orderId);
  return response.order;
}

/** Waits until the bus has delivered the order's OrderCreated to the publishing rule's target. */
export async function untilCreationPublished(local: LocalEndpoints, orderId: string, timeoutMs = 20_000): Promise<void> {
  if (!PUBLISH_RULE) throw new Error('No rule of system/events.ts calls publishOrderStatus.');
  await expect
    .poll(() => isCreationPublished(local, orderId, PUBLISH_RULE), {
      timeout: timeoutMs,
      interval: 100,
      message: `The creation of order ${orderId} was not published within ${timeoutMs} ms.`,
    })
    .toBe(true);
}

async function isCreationPublished(local: LocalEndpoints, orderId: string, rule: string): Promise<boolean> {
  const events = (await (await fetch(new URL('/events', local.eventBusEndpoint))).json()) as EventBridgeEvent[];
  const created = events.find((event) => event['detail-type'] === 'OrderCreated' && event.detail['orderId'] === orderId);
  if (!created) return false;
  const deliveries = (await (await fetch(new URL('/deliveries', local.eventBusEndpoint))).json()) as {
    eventId: string;
    rule: string;
  }[];
  return deliveries.some((delivery) => delivery.eventId === created.id && delivery.rule === rule);
}

/** Makes one back-office step, failing on any error. */
export async function moveOrderOn(
  local: LocalEndpoints,
  staff: BackOffice,
  orderId: string,
  step: FulfilmentStep,
): Promise<void> {
  const moved = await moveOrder(local, staff[step.by], step.mutation, orderId);
  const status = moved.body.data?.[step.mutation]?.status;
  if (moved.body.errors || status !== step.to) {
    throw new Error(`${step.mutation} of ${orderId} failed: ${JSON.stringify(moved.body.errors ?? moved.body.data)}`);
  }
}

/** Takes an order through the given steps (all of fulfilment by default), one after another. */
export async function moveOrderThrough(
  local: LocalEndpoints,
  staff: BackOffice,
  orderId: string,
  steps: readonly FulfilmentStep[] = FULFILMENT,
): Promise<void> {
  for (const step of steps) await moveOrderOn(local, staff, orderId, step);
}

/**
 * Updates in the order their changes were made. The bus delivers every event on its own, as
 * EventBridge does, with no promise of order: two quick steps of one order may reach a subscriber
 * the other way round, so a subscriber orders one order's updates by `modifiedDate`.
 */
export function inOrderMade<T extends Pick<OrderStatusUpdate, 'modifiedDate'>>(updates: readonly T[]): T[] {
  return [...updates].sort((a, b) => Date.parse(a.modifiedDate) - Date.parse(b.modifiedDate));
}

/** The fields a test compares: which order, from which status to which. */
export function transition(update: Pick<OrderStatusUpdate, 'orderId' | 'status' | 'previousStatus'>) {
  return { orderId: update.orderId, previousStatus: update.previousStatus, status: update.status };
}
