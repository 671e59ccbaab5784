// The products table's stream → ProductCreated / ProductModified / ProductDeleted on the bus, in
// the stream's order. A failure to publish throws, so the whole batch is retried (and bisected):
// an event may go out twice, but none is lost.
import { createEventPublisher } from '../../shared/eventBus.ts';
import type { DynamoDBStreamEvent, DynamoDBStreamRecord, StreamImage } from '../../shared/lambdaTypes.ts';
import { itemFromImage } from '../../shared/streamImages.ts';
import { config } from '../config.ts';
import type { Product } from '../domain/product.ts';
import { type ProductEvent, productCreated, productDeleted, productModified } from '../events.ts';

const publish = createEventPublisher({ region: config.region, eventBusName: config.eventBusName, endpoint: config.eventBusEndpoint });

export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  const events = event.Records.map(toProductEvent).filter((productEvent) => productEvent !== undefined);
  if (events.length > 0) await publish(events);
}

export function toProductEvent(record: DynamoDBStreamRecord): ProductEvent | undefined {
  const seconds = record.dynamodb.ApproximateCreationDateTime;
  const time = seconds === undefined ? undefined : new Date(seconds * 1000);
  switch (record.eventName) {
    case 'INSERT':
      return productCreated(product(record, 'NewImage'), time);
    case 'MODIFY':
      return productModified(product(record, 'OldImage'), product(record, 'NewImage'), time);
    case 'REMOVE':
      return productDeleted(product(record, 'OldImage'), time);
  }
}

function product(record: DynamoDBStreamRecord, image: 'NewImage' | 'OldImage'): Product {
  const found: StreamImage | undefined = record.dynamodb[image];
  // The table's stream is declared NEW_AND_OLD_IMAGES; anything less is a deployment mistake.
  if (!found) throw new Error(`Stream record ${record.eventID} (${record.eventName}) has no ${image}; the stream must carry new and old images.`);
  // The table holds nothing but products, written by putProduct or the seed.
  return itemFromImage(found) as unknown as Product;
}
