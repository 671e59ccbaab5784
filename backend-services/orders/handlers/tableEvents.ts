// The orders table's stream → OrderCreated (INSERT) and OrderStatusChanged (MODIFY of the status)
// on the bus, in the stream's order. A failure to publish throws, so the whole batch is retried
// (and bisected): an event may go out twice, but none is lost.
import { createEventPublisher } from '../../shared/eventBus.ts';
import type { DynamoDBStreamEvent, DynamoDBStreamRecord, StreamImage } from '../../shared/lambdaTypes.ts';
import { itemFromImage } from '../../shared/streamImages.ts';
import { config } from '../config.ts';
import type { OrderItem } from '../domain/order.ts';
import { type OrderEvent, orderCreated, orderStatusChanged } from '../events.ts';

const publish = createEventPublisher({ region: config.region, eventBusName: config.eventBusName, endpoint: config.eventBusEndpoint });

export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  const events = event.Records.map(toOrderEvent).filter((orderEvent) => orderEvent !== undefined);
  if (events.length > 0) await publish(events);
}

export function toOrderEvent(record: DynamoDBStreamRecord): OrderEvent | undefined {
  const seconds = record.dynamodb.ApproximateCreationDateTime;
  const time = seconds === undefined ? undefined : new Date(seconds * 1000);
  switch (record.eventName) {
    case 'INSERT':
      return orderCreated(order(record, 'NewImage'), time);
    case 'MODIFY':
      return orderStatusChanged(order(record, 'OldImage'), order(record, 'NewImage'), time);
    case 'REMOVE':
      return undefined;
  }
}

function order(record: DynamoDBStreamRecord, image: 'NewImage' | 'OldImage'): OrderItem {
  const found: StreamImage | undefined = record.dynamodb[image];
  // The table's stream is declared NEW_AND_OLD_IMAGES; anything less is a deployment mistake.
  if (!found) throw new Error(`Stream record ${record.eventID} (${record.eventName}) has no ${image}; the stream must carry new and old images.`);
  // The table holds nothing but orders, written by this service and changed by the status resolvers.
  return itemFromImage(found) as unknown as OrderItem;
}
