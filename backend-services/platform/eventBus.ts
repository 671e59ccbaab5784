// Publishing a service's events on the system's bus. PutEvents takes at most 10 entries, and
// can accept some entries of a request and fail others: any failure throws, so that the caller
// (a stream handler) is retried. Consumers are idempotent, so a repeated event does no harm; a
// lost one would.
import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { eventBridgeClient } from './awsClients.ts';

export interface DomainEvent<DetailType extends string = string, Detail extends object = object> {
  readonly source: string;
  readonly detailType: DetailType;
  readonly detail: Detail;
  /** When the fact happened; EventBridge uses the time it is put otherwise. */
  readonly time?: Date;
}

export interface EventBusConfig {
  readonly region: string;
  readonly eventBusName: string;
  /** Local only. */
  readonly endpoint?: string;
}

export const MAX_ENTRIES_PER_PUT = 10;

export class PublishFailedError extends Error {
  override name = 'PublishFailedError';
}

export type PublishEvents = (events: readonly DomainEvent[]) => Promise<void>;

export function createEventPublisher(config: EventBusConfig): PublishEvents {
  const client = eventBridgeClient(config);
  return async (events) => {
    for (let start = 0; start < events.length; start += MAX_ENTRIES_PER_PUT) {
      const entries = events.slice(start, start + MAX_ENTRIES_PER_PUT).map((event) => toEntry(event, config.eventBusName));
      const result = await client.send(new PutEventsCommand({ Entries: entries }));
      if ((result.FailedEntryCount ?? 0) > 0) {
        const reasons = (result.Entries ?? [])
          .map((entry, index) =>
            entry.ErrorCode ? `${entries[index]?.DetailType}: ${entry.ErrorCode} ${entry.ErrorMessage ?? ''}`.trim() : undefined,
          )
          .filter((reason) => reason !== undefined);
        throw new PublishFailedError(
          `PutEvents failed ${result.FailedEntryCount} of ${entries.length} entries on ${config.eventBusName}: ${reasons.join('; ')}`,
        );
      }
    }
  };
}

function toEntry(event: DomainEvent, eventBusName: string): PutEventsRequestEntry {
  return {
    EventBusName: eventBusName,
    Source: event.source,
    DetailType: event.detailType,
    Detail: JSON.stringify(event.detail),
    Resources: [],
    ...(event.time ? { Time: event.time } : {}),
  };
}
