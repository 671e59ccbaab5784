// The outbox: a table's stream → the service's events on the bus, in the stream's order. Each
// service says only which events one change of its items is (none, one, or several: a product's
// modification can also be a stock crossing); reading the stream images and publishing are done
// here. A failure to publish throws, so the whole batch is retried (and
// bisected): an event may go out twice, but none is lost.
import { createEventPublisher, type DomainEvent, type EventBusConfig } from './eventBus.ts';
import type { DynamoDBStreamEvent, DynamoDBStreamRecord } from './lambdaTypes.ts';
import { itemFromImage } from './streamImages.ts';

/** One change of an item: its images as the table holds them, and when it happened. */
export type ItemChange<Item> =
  | { readonly kind: 'INSERT'; readonly new: Item; readonly time?: Date }
  | { readonly kind: 'MODIFY'; readonly old: Item; readonly new: Item; readonly time?: Date }
  | { readonly kind: 'REMOVE'; readonly old: Item; readonly time?: Date };

/** The events one change is, in the order they are published: none, one, or a list. */
export type ToEvents<Item> = (change: ItemChange<Item>) => DomainEvent | readonly DomainEvent[] | undefined;

export function outboxHandler<Item>(
  bus: EventBusConfig,
  toEvents: ToEvents<Item>,
): (event: DynamoDBStreamEvent) => Promise<void> {
  const publish = createEventPublisher(bus);
  return async (event) => {
    const events = event.Records.flatMap((record) => eventsOf(toEvents(readChange<Item>(record))));
    if (events.length > 0) await publish(events);
  };
}

function eventsOf(found: DomainEvent | readonly DomainEvent[] | undefined): readonly DomainEvent[] {
  if (found === undefined) return [];
  return isList(found) ? found : [found];
}

function isList(found: DomainEvent | readonly DomainEvent[]): found is readonly DomainEvent[] {
  return Array.isArray(found);
}

/**
 * The change a stream record describes. The item types are the caller's word: a table holds
 * only the items its own service writes.
 */
export function readChange<Item>(record: DynamoDBStreamRecord): ItemChange<Item> {
  const seconds = record.dynamodb.ApproximateCreationDateTime;
  const time = seconds === undefined ? {} : { time: new Date(seconds * 1000) };
  switch (record.eventName) {
    case 'INSERT':
      return { kind: 'INSERT', new: image<Item>(record, 'NewImage'), ...time };
    case 'MODIFY':
      return { kind: 'MODIFY', old: image<Item>(record, 'OldImage'), new: image<Item>(record, 'NewImage'), ...time };
    case 'REMOVE':
      return { kind: 'REMOVE', old: image<Item>(record, 'OldImage'), ...time };
  }
}

function image<Item>(record: DynamoDBStreamRecord, which: 'NewImage' | 'OldImage'): Item {
  const found = record.dynamodb[which];
  // Tables whose changes are published declare NEW_AND_OLD_IMAGES; anything less is a deployment mistake.
  if (!found)
    throw new Error(
      `Stream record ${record.eventID} (${record.eventName}) has no ${which}; the stream must carry new and old images.`,
    );
  return itemFromImage(found) as Item;
}
