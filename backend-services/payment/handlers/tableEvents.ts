// The payments table's stream → PaymentAuthorized (a claim inserted), PaymentCaptured and
// PaymentReleased (a claim settled) on the bus, in the stream's order. A voided claim (REMOVE)
// is no fact worth telling. A failure to publish throws, so the whole batch is retried (and
// bisected): an event may go out twice, but none is lost.
import { createEventPublisher } from '../../shared/eventBus.ts';
import type { DynamoDBStreamEvent, DynamoDBStreamRecord } from '../../shared/lambdaTypes.ts';
import { itemFromImage } from '../../shared/streamImages.ts';
import { config } from '../config.ts';
import type { Payment } from '../domain/payment.ts';
import { type PaymentEvent, paymentAuthorized, paymentCaptured, paymentReleased } from '../events.ts';

const publish = createEventPublisher({ region: config.region, eventBusName: config.eventBusName, endpoint: config.eventBusEndpoint });

export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  const events = event.Records.map(toPaymentEvent).filter((paymentEvent) => paymentEvent !== undefined);
  if (events.length > 0) await publish(events);
}

export function toPaymentEvent(record: DynamoDBStreamRecord): PaymentEvent | undefined {
  const seconds = record.dynamodb.ApproximateCreationDateTime;
  const time = seconds === undefined ? undefined : new Date(seconds * 1000);
  if (record.eventName === 'INSERT') return paymentAuthorized(payment(record, 'NewImage'), time);
  if (record.eventName !== 'MODIFY') return undefined;
  const [old, current] = [payment(record, 'OldImage'), payment(record, 'NewImage')];
  if (old.status === current.status) return undefined;
  if (current.status === 'CAPTURED') return paymentCaptured(current, time);
  if (current.status === 'RELEASED') return paymentReleased(current, time);
  return undefined;
}

function payment(record: DynamoDBStreamRecord, image: 'NewImage' | 'OldImage'): Payment {
  const found = record.dynamodb[image];
  // The table's stream is declared NEW_AND_OLD_IMAGES; anything less is a deployment mistake.
  if (!found) throw new Error(`Stream record ${record.eventID} (${record.eventName}) has no ${image}; the stream must carry new and old images.`);
  // The table holds nothing but payments, written by the store.
  return itemFromImage(found) as unknown as Payment;
}
