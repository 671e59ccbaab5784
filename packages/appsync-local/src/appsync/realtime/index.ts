export {
  attachRealtime,
  createRealtimeEndpoint,
  type RealtimeEndpoint,
  type RealtimeOptions,
  type RealtimeStats,
} from './endpoint.ts';
export { compileArgumentFilter, compileFilter, SubscriptionFilterError, type PayloadPredicate } from './filters.ts';
export { FILTER_LIMITS, REALTIME_LIMITS } from './limits.ts';
export { REALTIME_PATH, SUBPROTOCOL } from './messages.ts';
