// Status changes of an order: cancelOrder and the back office's six mutations, each one step of
// the order's life, as domain/orderLifecycle.ts's table has it. Every one is the same pipeline,
// getOrderForTransition then transitionOrder; a field's resolver only names its step (its own
// field name) with beginTransition, and the table says from which status to which, and whether
// only the owner may take it.
//
// The write is `SET status = :to, modifiedDate = :now, previousStatus = :from` (and the step's
// statusReason, or none) on the condition `status = :from`, so a step is taken at most once, from its own status only, and nothing
// changes on any error. The table's stream turns the change into OrderStatusChanged.
import type { Context } from '@aws-appsync/utils';
import type { Order, OrderStatus } from '../../generated/graphql';
import { ORDER_TRANSITIONS, type OrderTransitionField } from '../../domain/orderLifecycle';
import { callerId } from './identity';
import { assertOrderId } from './orders';

export interface Transition {
  from: OrderStatus;
  to: OrderStatus;
  /** Set when only the order's owner may take the step: anyone else's order is unknown to them. */
  ownerId: string | null;
  /** The order's statusReason after the step; null removes any. */
  reason: string | null;
}

export interface TransitionStash {
  transition: Transition;
}

interface TransitionArgs {
  orderId: string;
}

/** Starts the pipeline of the status change `field` takes (the resolver's request). */
export function beginTransition(
  ctx: Context<TransitionArgs, TransitionStash>,
  field: OrderTransitionField,
): Record<string, never> {
  assertOrderId(ctx.args.orderId);
  const { from, to, ownerOnly, reason } = ORDER_TRANSITIONS[field];
  ctx.stash.transition = { from, to, ownerId: ownerOnly ? callerId(ctx) : null, reason };
  return {};
}

/** The order after the change (the resolver's response). */
export function endTransition(ctx: Context<TransitionArgs, TransitionStash>): Order {
  return ctx.prev.result as Order;
}

export function wrongStatusMessage(orderId: string, status: OrderStatus, fieldName: string, from: OrderStatus): string {
  return `Order ${orderId} is ${status}; ${fieldName} needs ${from}.`;
}

export function changedMeanwhileMessage(orderId: string, fieldName: string, status: OrderStatus | null): string {
  const now = status ? ` (it is now ${status})` : '';
  return `Order ${orderId} changed while ${fieldName} was running${now}: nothing was done.`;
}
