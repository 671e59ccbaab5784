// Typed event factories for the local EventBridge tests. The sample is the event of AWS's own
// examples (the aws/event-ruler README, the EventBridge user guide).
import type { EventBridgeEvent } from '../../../src/eventbridge/event.ts';
import { compilePattern } from '../../../src/eventbridge/patterns/compile.ts';
import { matchesPattern } from '../../../src/eventbridge/patterns/match.ts';

export function ec2StateChange(
  detail: Record<string, unknown> = {},
  overrides: Partial<EventBridgeEvent> = {},
): EventBridgeEvent {
  return {
    version: '0',
    id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
    'detail-type': 'EC2 Instance State-change Notification',
    source: 'aws.ec2',
    account: '012345679012',
    time: '2017-10-02T16:24:49Z',
    region: 'us-east-1',
    resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
    detail: {
      'c-count': 5,
      'd-count': 3,
      'x-limit': 301.8,
      'source-ip': '10.0.0.33',
      'instance-id': 'i-000000aaaaaa00000',
      state: 'running',
      ...detail,
    },
    ...overrides,
  };
}

/** An event whose detail is exactly the given object. */
export function withDetail(detail: Record<string, unknown>, overrides: Partial<EventBridgeEvent> = {}): EventBridgeEvent {
  return { ...ec2StateChange(), detail, ...overrides };
}

export function matches(pattern: Record<string, unknown>, event: unknown): boolean {
  return matchesPattern(compilePattern(pattern), event);
}
