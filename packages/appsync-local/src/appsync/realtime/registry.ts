// The live subscriptions of an API, indexed by their root field so that publishing to a field
// touches only its subscribers.
import type { PreparedSubscription } from '../execution/subscription.ts';
import type { RequestScope } from '../execution/context.ts';
import type { PayloadPredicate } from './filters.ts';

export interface Subscriber {
  /** Sends an already serialized message (bytes are UTF-8 JSON too: a text frame); never throws. */
  send(message: string | Buffer): void;
  /** How many subscriptions it holds: with more than one, an event may send it several messages. */
  readonly subscriptionCount: number;
  /**
   * Holds its writes until `release`, so that the messages of one event leave in one write; every
   * `hold` is followed by one `release`.
   */
  hold(): void;
  release(): void;
  /** Ends one of its subscriptions from the server side (invalidation): removes it and tells the client. */
  endSubscription(id: string): void;
}

export interface ActiveSubscription {
  readonly id: string;
  readonly subscriber: Subscriber;
  readonly prepared: PreparedSubscription;
  readonly scope: RequestScope;
  /** Basic filtering by the subscription's arguments. */
  readonly matchesArguments: PayloadPredicate;
  /** extensions.setSubscriptionFilter's filter, compiled. */
  readonly matchesFilter: PayloadPredicate | undefined;
  /** extensions.setSubscriptionInvalidationFilter's filter, compiled. */
  readonly matchesInvalidation: PayloadPredicate | undefined;
  /** Subscriptions with the same key get the same data for the same payload: it is computed once for all of them. */
  readonly deliveryKey: string;
  /** Its data messages' start, up to the payload (`messages.ts` dataMessagePrefix). */
  readonly dataPrefix: string;
}

export class SubscriptionRegistry {
  private readonly byField = new Map<string, Set<ActiveSubscription>>();
  private count = 0;

  add(subscription: ActiveSubscription): void {
    const field = subscription.prepared.fieldName;
    let set = this.byField.get(field);
    if (!set) {
      set = new Set();
      this.byField.set(field, set);
    }
    set.add(subscription);
    this.count += 1;
  }

  remove(subscription: ActiveSubscription): void {
    const set = this.byField.get(subscription.prepared.fieldName);
    if (set?.delete(subscription)) this.count -= 1;
  }

  /** A snapshot, so that subscriptions may end while it is walked. */
  onField(fieldName: string): ActiveSubscription[] {
    const set = this.byField.get(fieldName);
    return set ? [...set] : [];
  }

  get size(): number {
    return this.count;
  }
}
