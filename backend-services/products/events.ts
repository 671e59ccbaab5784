// The events the products service emits, one factory per type. They are facts about the
// products table, published from its stream (source ecommerce.products).
import type { DomainEvent } from '../platform/eventBus.ts';
import type { ItemChange } from '../platform/outbox.ts';
import { type StockCrossing, lowStockThresholdOf, stockCrossing } from '../../domain/inventory.ts';
import { changedFields } from './domain/changedFields.ts';
import type { Product } from './domain/product.ts';

export const SOURCE = 'ecommerce.products';

export type ProductCreated = DomainEvent<'ProductCreated', { new: Product }>;
export type ProductModified = DomainEvent<'ProductModified', { old: Product; new: Product; changed: string[] }>;
export type ProductDeleted = DomainEvent<'ProductDeleted', { old: Product }>;
/** A product's stock moved (an order, a stock return, a write of the catalog): what a product page shows live. */
export type ProductStockChanged = DomainEvent<'ProductStockChanged', ProductStockChangedDetail>;
/** A product's stock crossed a level (domain/inventory.ts): ProductLowStock, ProductOutOfStock or ProductBackInStock. */
export type ProductStockCrossed = DomainEvent<StockCrossing, StockCrossingDetail>;
export type ProductEvent = ProductCreated | ProductModified | ProductDeleted | ProductStockChanged | ProductStockCrossed;

export interface ProductStockChangedDetail {
  readonly productId: string;
  readonly stock: number;
  readonly previousStock: number;
  /** When the stock changed: the change's time, or the product's modifiedDate when the change has none. */
  readonly modifiedDate: string;
}

export interface StockCrossingDetail {
  readonly productId: string;
  readonly name: string;
  readonly stock: number;
  readonly previousStock: number;
  /** The product's low-stock threshold after the change (5 for a product that names none). */
  readonly threshold: number;
}

/** A product as its stream image holds it: the threshold is absent from products written before it existed. */
type ProductImage = Product & { readonly lowStockThreshold?: number | null };

/**
 * The events one change of the products table is, in the order they are published. A product
 * created or deleted is no stock move: the new or old product carries its stock.
 */
export function productEventsOf(change: ItemChange<Product>): ProductEvent[] {
  switch (change.kind) {
    case 'INSERT':
      return [productCreated(change.new, change.time)];
    case 'MODIFY': {
      const { old, new: product, time } = change;
      const events = [
        productModified(old, product, time),
        productStockChanged(old, product, time),
        productStockCrossed(old, product, time),
      ];
      return events.filter((event) => event !== undefined);
    }
    case 'REMOVE':
      return [productDeleted(change.old, change.time)];
  }
}

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

/** Undefined when the stock did not move. */
export function productStockChanged(old: Product, product: Product, time?: Date): ProductStockChanged | undefined {
  if (old.stock === product.stock) return undefined;
  const detail: ProductStockChangedDetail = {
    productId: product.productId,
    stock: product.stock,
    previousStock: old.stock,
    modifiedDate: time ? time.toISOString() : product.modifiedDate,
  };
  return { source: SOURCE, detailType: 'ProductStockChanged', detail, ...(time ? { time } : {}) };
}

/** The crossing the change makes (domain/inventory.ts), or undefined when it makes none. */
export function productStockCrossed(old: ProductImage, product: ProductImage, time?: Date): ProductStockCrossed | undefined {
  const threshold = lowStockThresholdOf(product);
  const crossing = stockCrossing({ stock: old.stock, threshold: lowStockThresholdOf(old) }, { stock: product.stock, threshold });
  if (!crossing) return undefined;
  const detail: StockCrossingDetail = {
    productId: product.productId,
    name: product.name,
    stock: product.stock,
    previousStock: old.stock,
    threshold,
  };
  return { source: SOURCE, detailType: crossing, detail, ...(time ? { time } : {}) };
}
