// The events the products service emits, one factory per type. They are facts about the
// products table, published from its stream (source ecommerce.products).
import type { DomainEvent } from '../platform/eventBus.ts';
import { changedFields } from './domain/changedFields.ts';
import type { Product } from './domain/product.ts';

export const SOURCE = 'ecommerce.products';

export type ProductCreated = DomainEvent<'ProductCreated', { new: Product }>;
export type ProductModified = DomainEvent<'ProductModified', { old: Product; new: Product; changed: string[] }>;
export type ProductDeleted = DomainEvent<'ProductDeleted', { old: Product }>;
export type ProductEvent = ProductCreated | ProductModified | ProductDeleted;

export function productCreated(product: Product, time?: Date): ProductCreated {
  return { source: SOURCE, detailType: 'ProductCreated', detail: { new: product }, ...(time ? { time } : {}) };
}

/** Undefined when nothing changed: a write of the same values is no fact worth telling. */
export function productModified(old: Product, product: Product, time?: Date): ProductModified | undefined {
  const changed = changedFields(old, product);
  if (changed.length === 0) return undefined;
  return { source: SOURCE, detailType: 'ProductModified', detail: { old, new: product, changed }, ...(time ? { time } : {}) };
}

export function productDeleted(old: Product, time?: Date): ProductDeleted {
  return { source: SOURCE, detailType: 'ProductDeleted', detail: { old }, ...(time ? { time } : {}) };
}
