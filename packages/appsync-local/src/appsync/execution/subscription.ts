// What the engine hands the real-time endpoint: a subscription prepared at subscribe time, and
// the root fields a mutation resolved (which AppSync publishes to @aws_subscribe subscribers).
import type { DocumentNode } from 'graphql';
import type { Invocation } from '../js/invocation.ts';
import type { WireError } from './errors.ts';
import type { SubscriptionDataError, SubscriptionSelection } from './subscriptionData.ts';

export interface PreparedSubscription {
  readonly document: DocumentNode;
  readonly operationName: string | null;
  readonly variables: Record<string, unknown>;
  /** The subscription's root field, e.g. `onOrderStatusChanged`. */
  readonly fieldName: string;
  /** Its arguments, coerced: the basic filter. */
  readonly args: Record<string, unknown>;
  /** What the field's resolver passed to extensions.setSubscriptionFilter, if anything. */
  readonly filter: unknown;
  /** What it passed to extensions.setSubscriptionInvalidationFilter, if anything. */
  readonly invalidationFilter: unknown;
  /** The selection set each event is read along (no resolver runs at delivery). */
  readonly selection: SubscriptionSelection;
}

export type SubscriptionPreparation =
  | { readonly kind: 'prepared'; readonly subscription: PreparedSubscription }
  /** Syntax or validation errors. */
  | { readonly kind: 'invalid'; readonly errors: WireError[] }
  /** A query or mutation sent to the real-time endpoint. */
  | { readonly kind: 'notSubscription'; readonly operation: string }
  /** Variables, field authorization or the resolver refused it. */
  | { readonly kind: 'refused'; readonly errors: WireError[] };

/** The payload of one data message. */
export interface SubscriptionEventResponse {
  readonly data: Record<string, unknown> | null;
  readonly errors?: SubscriptionDataError[];
}

export interface MutationEvent {
  /** Root mutation fields that resolved to a value without an error, as the mutation selected them. */
  readonly fields: readonly { readonly fieldName: string; readonly value: unknown }[];
  /** extensions.invalidateSubscriptions calls of those fields' resolvers. */
  readonly invalidations: Invocation['invalidations'];
}
