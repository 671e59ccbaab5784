// Publishing a mutation's results to subscribers, as AppSync does: every root mutation field
// listed in a subscription field's @aws_subscribe(mutations: [...]) sends its result (the
// mutation's own selection of it) to that field's subscribers whose arguments and enhanced
// filter match; each receives its own selection set of it, read from the published value with its
// own field-level auth (no resolver runs at delivery: execution/subscriptionData.ts). Then
// extensions.invalidateSubscriptions ends the subscriptions whose invalidation filter matches.
// Events are published one after the other, so each subscriber receives them in order.
//
// Subscriptions that would receive the same data (the same delivery key) form one group: their
// data is read and serialized once, and each one's message is those bytes inside its own
// envelope. A connection with several subscriptions is corked for the event, so that its
// messages leave in one write; the others are written as they are sent, with no callback each.
import { type GraphQLSchema, valueFromASTUntyped } from 'graphql';
import type { GraphQLEngine } from '../execution/engine.ts';
import type { MutationEvent } from '../execution/subscription.ts';
import { REALTIME_LIMITS } from './limits.ts';
import { dataMessage } from './messages.ts';
import type { ActiveSubscription, Subscriber, SubscriptionRegistry } from './registry.ts';

export class Publisher {
  private readonly subscriptionFieldsOf: ReadonlyMap<string, readonly string[]>;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    schema: GraphQLSchema,
    private readonly engine: GraphQLEngine,
    private readonly registry: SubscriptionRegistry,
  ) {
    this.subscriptionFieldsOf = subscriptionFieldsByMutation(schema);
  }

  /** Queues the event behind those published before it; resolves when it has been delivered. */
  publish(event: MutationEvent): Promise<void> {
    if (event.invalidations.length === 0 && !event.fields.some((f) => this.subscriptionFieldsOf.has(f.fieldName)))
      return this.queue;
    const run = this.queue.then(() => this.deliver(event));
    this.queue = run.catch((error: unknown) => console.error('local AppSync real-time: publishing failed', error));
    return this.queue;
  }

  /** Resolves once everything published so far has been delivered. */
  settled(): Promise<void> {
    return this.queue;
  }

  private deliver(event: MutationEvent): void {
    const held = new Set<Subscriber>();
    try {
      for (const { fieldName, value } of event.fields) {
        for (const subscriptionField of this.subscriptionFieldsOf.get(fieldName) ?? []) {
          this.deliverToField(subscriptionField, value, held);
        }
      }
    } finally {
      for (const subscriber of held) subscriber.release();
    }
    for (const { subscriptionField, payload } of event.invalidations) {
      for (const subscription of this.registry.onField(subscriptionField)) {
        if (subscription.matchesInvalidation?.(payload)) subscription.subscriber.endSubscription(subscription.id);
      }
    }
  }

  private deliverToField(subscriptionField: string, payload: unknown, held: Set<Subscriber>): void {
    const recipients = new Map<string, ActiveSubscription[]>();
    for (const subscription of this.registry.onField(subscriptionField)) {
      if (!subscription.matchesArguments(payload)) continue;
      if (subscription.matchesFilter && !subscription.matchesFilter(payload)) continue;
      const group = recipients.get(subscription.deliveryKey);
      if (group) group.push(subscription);
      else recipients.set(subscription.deliveryKey, [subscription]);
    }
    for (const group of recipients.values()) this.deliverToGroup(group, payload, held);
  }

  private deliverToGroup(group: readonly ActiveSubscription[], payload: unknown, held: Set<Subscriber>): void {
    const first = group[0];
    if (!first) return;
    let bytes: Buffer;
    try {
      bytes = Buffer.from(JSON.stringify(this.engine.executeSubscriptionEvent(first.prepared, payload, first.scope)));
    } catch (error) {
      console.error('local AppSync real-time: executing a subscription event failed', error);
      return;
    }
    // AppSync drops an event larger than its payload limit without telling the subscriber.
    if (bytes.length > REALTIME_LIMITS.subscriptionPayloadBytes) return;
    for (const { subscriber, dataPrefix } of group) {
      if (subscriber.subscriptionCount > 1 && !held.has(subscriber)) {
        subscriber.hold();
        held.add(subscriber);
      }
      subscriber.send(dataMessage(dataPrefix, bytes));
    }
  }
}

/** mutation field → the subscription fields whose @aws_subscribe lists it. */
export function subscriptionFieldsByMutation(schema: GraphQLSchema): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const mutations = directive?.arguments?.find((a) => a.name.value === 'mutations');
    const names: unknown = mutations ? valueFromASTUntyped(mutations.value) : [];
    for (const name of Array.isArray(names) ? names : []) {
      if (typeof name !== 'string') continue;
      map.set(name, [...(map.get(name) ?? []), field.name]);
    }
  }
  return map;
}
