// The products table's stream → ProductCreated / ProductModified / ProductDeleted on the bus,
// through the shared outbox; a modification that moves the stock is also ProductStockChanged, and
// one that crosses a stock level (domain/inventory.ts) also ProductLowStock, ProductOutOfStock or
// ProductBackInStock, in that order. The same record again gives the same events: the outbox may
// publish twice, and consumers are idempotent. The table holds nothing but products (putProduct, the seed, and
// stock changes by checkout and stock returns).
import { observedHandler } from '../../platform/observability.ts';
import { outboxHandler } from '../../platform/outbox.ts';
import { config } from '../config.ts';
import type { Product } from '../domain/product.ts';
import { productEventsOf } from '../events.ts';

export const handler = observedHandler(
  'products',
  outboxHandler<Product>(
    { region: config.region, eventBusName: config.eventBusName, endpoint: config.eventBusEndpoint },
    productEventsOf,
  ),
);
