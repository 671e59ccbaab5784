// extensions: subscription filters and invalidation, and API cache eviction. Each call writes
// the corresponding field of the current invocation; the executor acts on them afterwards.
import { type InvocationHost } from '../invocation.ts';
import { describeValue, isPlainObject, requireString } from './values.ts';

/** Stores the filter (usually util.transform.toSubscriptionFilter's output) for this subscription. */
export function setSubscriptionFilter(host: InvocationHost, filter: unknown): void {
  host.current().subscriptionFilter = filter;
}

export function setSubscriptionInvalidationFilter(host: InvocationHost, filter: unknown): void {
  host.current().subscriptionInvalidationFilter = filter;
}

/** Asks for subscriptions on `subscriptionField` whose invalidation filter matches `payload` to close. */
export function invalidateSubscriptions(host: InvocationHost, invalidation: unknown): void {
  if (!isPlainObject(invalidation)) {
    throw new TypeError(`extensions.invalidateSubscriptions expects an object, got ${describeValue(invalidation)}`);
  }
  const subscriptionField = requireString(invalidation.subscriptionField, 'extensions.invalidateSubscriptions');
  const payload = isPlainObject(invalidation.payload) ? invalidation.payload : {};
  host.current().invalidations.push({ subscriptionField, payload });
}

/** Evicts the cached entry of Type.field whose caching keys have these values. */
export function evictFromApiCache(host: InvocationHost, typeName: unknown, fieldName: unknown, keys: unknown): void {
  host.current().cacheEvictions.push({
    typeName: requireString(typeName, 'extensions.evictFromApiCache'),
    fieldName: requireString(fieldName, 'extensions.evictFromApiCache'),
    keys: isPlainObject(keys) ? keys : {},
  });
}
