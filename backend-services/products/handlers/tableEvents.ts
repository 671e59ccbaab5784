// The products table's stream → ProductCreated / ProductModified / ProductDeleted on the bus,
// through the shared outbox. The table holds nothing but products (putProduct, the seed, and
// stock changes by checkout and stock returns).
import { observedHandler } from '../../platform/observability.ts';
import { type ItemChange, outboxHandler } from '../../platform/outbox.ts';
import { config } from '../config.ts';
import type { Product } from '../domain/product.ts';
import { type ProductEvent, productCreated, productDeleted, productModified } from '../events.ts';

export const handler = observedHandler(
  'products',
  outboxHandler<Product>(
    { region: config.region, eventBusName: config.eventBusName, endpoint: config.eventBusEndpoint },
    toProductEvent,
  ),
);

export function toProductEvent(change: ItemChange<Product>): ProductEvent | undefined {
  switch (change.kind) {
    case 'INSERT':
      return productCreated(change.new, change.time);
    case 'MODIFY':
      return productModified(change.old, change.new, change.time);
    case 'REMOVE':
      return productDeleted(change.old, change.time);
  }
}
