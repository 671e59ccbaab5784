// What the engine hands the real-time endpoint: a subscription prepared at subscribe time, and
// the root fields a mutation resolved (which AppSync publishes to @aws_subscribe subscribers).
import { type DocumentNode, type GraphQLSchema, Kind, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import type { Invocation } from '../js/invocation.ts';
import type { WireError } from './errors.ts';

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
  /** Whether a field below the root has a resolver (then the data depends on more than the caller's auth mode and groups). */
  readonly resolvesBelowRoot: boolean;
}

export type SubscriptionPreparation =
  | { readonly kind: 'prepared'; readonly subscription: PreparedSubscription }
  /** Syntax or validation errors. */
  | { readonly kind: 'invalid'; readonly errors: WireError[] }
  /** A query or mutation sent to the real-time endpoint. */
  | { readonly kind: 'notSubscription'; readonly operation: string }
  /** Variables, field authorization or the resolver refused it. */
  | { readonly kind: 'refused'; readonly errors: WireError[] };

export interface MutationEvent {
  /** Root mutation fields that resolved to a value without an error, as the mutation selected them. */
  readonly fields: readonly { readonly fieldName: string; readonly value: unknown }[];
  /** extensions.invalidateSubscriptions calls of those fields' resolvers. */
  readonly invalidations: Invocation['invalidations'];
}

export function hasResolversBelowRoot(
  schema: GraphQLSchema,
  document: DocumentNode,
  resolvers: ReadonlyMap<string, unknown>,
): boolean {
  const typeInfo = new TypeInfo(schema);
  const root = schema.getSubscriptionType();
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.FIELD](node) {
        const parent = typeInfo.getParentType();
        if (parent && parent !== root && resolvers.has(`${parent.name}.${node.name.value}`)) found = true;
      },
    }),
  );
  return found;
}
