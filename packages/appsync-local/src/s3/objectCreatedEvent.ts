// The "Object Created" event S3 sends to EventBridge (the S3 user guide's "EventBridge event
// message structure"), built from what s3rver reports and the request that stored the object.
import { randomUUID } from 'node:crypto';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { EventBridgeEvent } from '../eventbridge/event.ts';
import { formatEventTime } from '../eventbridge/event.ts';

/** The API call that created the object, as S3 names it in `detail.reason`. */
export const OBJECT_CREATED_REASONS = {
  put: 'PutObject',
  post: 'PostObject',
  copy: 'CopyObject',
  completeMultipartUpload: 'CompleteMultipartUpload',
} as const;

export type ObjectCreatedReason = (typeof OBJECT_CREATED_REASONS)[keyof typeof OBJECT_CREATED_REASONS];

export interface ObjectCreatedDetail {
  version: '0';
  bucket: { name: string };
  /** `etag` is absent for a copy: s3rver does not report it. */
  object: { key: string; size: number; etag?: string; sequencer: string };
  'request-id': string;
  requester: string;
  'source-ip-address': string;
  reason: ObjectCreatedReason;
}

export interface ObjectCreatedEvent extends EventBridgeEvent {
  'detail-type': 'Object Created';
  source: 'aws.s3';
  detail: ObjectCreatedDetail & Record<string, unknown>;
}

export interface ObjectCreatedFacts {
  bucket: string;
  key: string;
  size: number;
  etag: string | undefined;
  sequencer: string;
  requestId: string;
  sourceIpAddress: string;
  reason: ObjectCreatedReason;
  accountId: string;
  region: string;
  time: Date;
}

export function buildObjectCreatedEvent(facts: ObjectCreatedFacts): ObjectCreatedEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: facts.accountId,
    time: formatEventTime(facts.time),
    region: facts.region,
    resources: [`arn:aws:s3:::${facts.bucket}`],
    detail: {
      version: '0',
      bucket: { name: facts.bucket },
      object: {
        key: facts.key,
        size: facts.size,
        ...(facts.etag === undefined ? {} : { etag: facts.etag }),
        sequencer: facts.sequencer,
      },
      'request-id': facts.requestId,
      // The account that made the request: locally there is one account.
      requester: facts.accountId,
      'source-ip-address': facts.sourceIpAddress,
      reason: facts.reason,
    },
  };
}

/**
 * The event as a PutEvents entry for the local bus (`bus.putEvents([toPutEventsEntry(event)])`).
 * S3 delivers to the account's `default` bus; the bus gives the event its own id.
 */
export function toPutEventsEntry(event: ObjectCreatedEvent, eventBusName = 'default'): PutEventsRequestEntry {
  return {
    EventBusName: eventBusName,
    Source: event.source,
    DetailType: event['detail-type'],
    Detail: JSON.stringify(event.detail),
    Resources: event.resources,
    Time: new Date(event.time),
  };
}
