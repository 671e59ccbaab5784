// The local EventBridge's public face. See README.md.
export { createEventBus, type EventBusOptions, type LocalEventBus } from './bus.ts';
export type { DeadLetter, ExhaustedRetryCondition, RetrySettings } from './delivery.ts';
export { EventBridgeError } from './errors.ts';
export type { EventBridgeEvent } from './event.ts';
export type { InputTransformerDefinition } from './inputTransformer.ts';
export type { PutEventsResult } from './putEvents.ts';
export type { RetryPolicy, RuleDefinition, TargetDefinition } from './rules.ts';
export { testEventPattern } from './patterns/testEventPattern.ts';
