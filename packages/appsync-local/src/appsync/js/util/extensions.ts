// extensions: subscription filters and invalidation, and API cache eviction. Each call writes
// the corresponding field of the current invocation; the executor acts on them afterwards.
//
// AppSync allows the subscription extensions in one place each
// (https://docs.aws.amazon.com/appsync/latest/devguide/extensions-js.html):
// setSubscriptionFilter and setSubscriptionInvalidationFilter "only in the response handler of a
// subscription resolver", invalidateSubscriptions "only in the response mapping templates of the
// mutation resolvers", and "at most five unique extensions.invalidateSubscriptions() method calls
// in any single request. If you exceed this limit, you will receive a GraphQL error." The
// documentation does not say what a call made elsewhere does. Here it throws, so the handler
// fails as any code error does: a filter set in the wrong place never filters locally when it
// might not on AppSync (it refuses the subscription instead), and an invalidation asked from the
// wrong place never closes subscriptions locally that AppSync might leave open.
import { type Invocation, type InvocationHost } from '../invocation.ts';
import { describeValue, isPlainObject, requireString } from './values.ts';

/** AppSync's limit on distinct extensions.invalidateSubscriptions calls in one request. */
export const MAX_INVALIDATIONS_PER_REQUEST = 5;

/** A call made where AppSync does not allow it, or past its limit. */
export class ExtensionUseError extends Error {
  override name = 'ExtensionUseError';
}

/** Stores the filter (usually util.transform.toSubscriptionFilter's output) for this subscription. */
export function setSubscriptionFilter(host: InvocationHost, filter: unknown): void {
  inResponseHandlerOf('subscription', 'setSubscriptionFilter', host.current()).subscriptionFilter = filter;
}

export function setSubscriptionInvalidationFilter(host: InvocationHost, filter: unknown): void {
  inResponseHandlerOf('subscription', 'setSubscriptionInvalidationFilter', host.current()).subscriptionInvalidationFilter =
    filter;
}

/**
 * Asks for subscriptions on `subscriptionField` whose invalidation filter matches `payload` to
 * close. Calls with the same field and payload count once towards the request's limit.
 */
export function invalidateSubscriptions(host: InvocationHost, invalidation: unknown): void {
  const invocation = inResponseHandlerOf('mutation', 'invalidateSubscriptions', host.current());
  if (!isPlainObject(invalidation)) {
    throw new TypeError(`extensions.invalidateSubscriptions expects an object, got ${describeValue(invalidation)}`);
  }
  const subscriptionField = requireString(invalidation.subscriptionField, 'extensions.invalidateSubscriptions');
  const payload = isPlainObject(invalidation.payload) ? jsonCopy(invalidation.payload) : {};
  const key = canonicalJson({ subscriptionField, payload });
  const seen = invocation.request.invalidationKeys;
  if (!seen.has(key)) {
    if (seen.size >= MAX_INVALIDATIONS_PER_REQUEST) {
      throw new ExtensionUseError(
        `extensions.invalidateSubscriptions can be called with at most ${MAX_INVALIDATIONS_PER_REQUEST} unique invalidations in a single request`,
      );
    }
    seen.add(key);
  }
  invocation.invalidations.push({ subscriptionField, payload });
}

/** Evicts the cached entry of Type.field whose caching keys have these values. */
export function evictFromApiCache(host: InvocationHost, typeName: unknown, fieldName: unknown, keys: unknown): void {
  host.current().cacheEvictions.push({
    typeName: requireString(typeName, 'extensions.evictFromApiCache'),
    fieldName: requireString(fieldName, 'extensions.evictFromApiCache'),
    keys: isPlainObject(keys) ? keys : {},
  });
}

/** The invocation, when its handler is the response handler of a resolver on a root field of `root`; throws otherwise. */
function inResponseHandlerOf(root: 'subscription' | 'mutation', method: string, invocation: Invocation): Invocation {
  const { field, running } = invocation;
  if (field?.root === root && running?.code === 'resolver' && running.handler === 'response') return invocation;
  throw new ExtensionUseError(
    `extensions.${method} can only be used in the response handler of a ${root} resolver, not in ${describePlacement(invocation)}`,
  );
}

function describePlacement({ field, running }: Invocation): string {
  if (!field || !running) return 'code that is not a resolver handler';
  const owner = running.code === 'function' ? 'a pipeline function of the resolver of' : 'the resolver of';
  return `the ${running.handler} handler of ${owner} ${field.typeName}.${field.fieldName}`;
}

/** A copy that shares nothing with the sandbox, as the payload would travel through AppSync. */
function jsonCopy(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/** JSON with object keys sorted, so that equal payloads give equal keys. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
