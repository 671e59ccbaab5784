// AppSync's numbers for the real-time endpoint. Where AppSync documents one, it is quoted here;
// the two timers marked "local" are this runtime's choices and can be changed per API.

export const REALTIME_LIMITS = {
  /** connection_ack's connectionTimeoutMs: how long a client waits for a "ka" before giving up. */
  connectionTimeoutMs: 300_000,
  /** AppSync quota "subscriptions per connection". */
  subscriptionsPerConnection: 100,
  /** AppSync quota "subscription payload size": a larger event is not delivered (AppSync drops it silently). */
  subscriptionPayloadBytes: 240 * 1024,
  /** The largest message a client may send: AppSync's request size limit. */
  inboundMessageBytes: 5 * 1024 * 1024,
} as const;

export const FILTER_LIMITS = {
  filterGroups: 10,
  filtersPerGroup: 5,
  inValues: 5,
  containsAnyValues: 20,
  fieldNameDepth: 5,
  fieldNameLength: 256,
} as const;

export const DEFAULT_TIMERS = {
  /** How often "ka" is sent: AppSync's clients expect one at least every minute. */
  keepAliveIntervalMs: 60_000,
  /** Local: how long a connection may stay silent before its first message (connection_init or start). */
  connectionInitTimeoutMs: 30_000,
} as const;
