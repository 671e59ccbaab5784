// Which events a stream record of the products table is, stock moves and crossings included: pure,
// over the records the stream delivers (the handler publishes them: tableEvents.test.ts).
import { describe, expect, it } from 'vitest';
import { readChange } from '../../../../../backend-services/platform/outbox.ts';
import type { Product } from '../../../../../backend-services/products/domain/product.ts';
import { productEventsOf } from '../../../../../backend-services/products/events.ts';
import { aProduct } from '../../../../support/backend-services/products.ts';
import { CHANGED_AT_SECONDS, inserted, modified, removed } from '../../../../support/backend-services/streamRecords.ts';

const CHANGED_AT = new Date(CHANGED_AT_SECONDS * 1000).toISOString();

function eventsOf(record: ReturnType<typeof modified>) {
  return productEventsOf(readChange<Product>(record)).map((event) => [event.detailType, event.detail]);
}

function stockMove(before: number, after: number, overrides: Partial<Product> & { lowStockThreshold?: number } = {}) {
  const old = aProduct('p-1', { name: 'Lamp', stock: before, ...overrides });
  return modified(old, { ...old, stock: after });
}

describe('the events of a stock move', () => {
  it('are ProductModified, ProductStockChanged and ProductLowStock when the stock falls below the threshold', () => {
    const product = aProduct('p-1', { name: 'Lamp', stock: 6 });
    expect(eventsOf(modified(product, { ...product, stock: 4 }))).toEqual([
      ['ProductModified', { old: product, new: { ...product, stock: 4 }, changed: ['stock'] }],
      ['ProductStockChanged', { productId: 'p-1', stock: 4, previousStock: 6, modifiedDate: CHANGED_AT }],
      ['ProductLowStock', { productId: 'p-1', name: 'Lamp', stock: 4, previousStock: 6, threshold: 5 }],
    ]);
  });

  it('make a drop from 10 to 0 in one change ProductOutOfStock, and no ProductLowStock', () => {
    expect(eventsOf(stockMove(10, 0)).slice(1)).toEqual([
      ['ProductStockChanged', { productId: 'p-1', stock: 0, previousStock: 10, modifiedDate: CHANGED_AT }],
      ['ProductOutOfStock', { productId: 'p-1', name: 'Lamp', stock: 0, previousStock: 10, threshold: 5 }],
    ]);
  });

  it('make 0 → 3 ProductBackInStock', () => {
    expect(eventsOf(stockMove(0, 3)).at(-1)).toEqual([
      'ProductBackInStock',
      { productId: 'p-1', name: 'Lamp', stock: 3, previousStock: 0, threshold: 5 },
    ]);
  });

  it("use the product's own lowStockThreshold when it has one", () => {
    expect(eventsOf(stockMove(12, 9, { lowStockThreshold: 10 })).at(-1)).toEqual([
      'ProductLowStock',
      { productId: 'p-1', name: 'Lamp', stock: 9, previousStock: 12, threshold: 10 },
    ]);
  });

  it('make a move within a level ProductModified and ProductStockChanged only', () => {
    expect(eventsOf(stockMove(10, 8)).map(([type]) => type)).toEqual(['ProductModified', 'ProductStockChanged']);
    expect(eventsOf(stockMove(4, 2)).map(([type]) => type)).toEqual(['ProductModified', 'ProductStockChanged']);
  });

  it('make a change that leaves the stock alone ProductModified only', () => {
    const product = aProduct('p-1', { stock: 3 });
    expect(eventsOf(modified(product, { ...product, price: 1 })).map(([type]) => type)).toEqual(['ProductModified']);
  });

  it("are the same for the same record delivered twice: idempotency is the consumers'", () => {
    const record = stockMove(5, 0);
    expect(eventsOf(record)).toEqual(eventsOf(record));
  });

  it('give one crossing per change across a run of orders: 7 → 5 → 4 → 1 → 0 → 2 → 6', () => {
    const stocks = [7, 5, 4, 1, 0, 2, 6];
    const crossings = stocks.slice(1).flatMap((stock, i) =>
      eventsOf(stockMove(stocks[i]!, stock))
        .slice(2)
        .map(([type]) => type),
    );
    expect(crossings).toEqual(['ProductLowStock', 'ProductOutOfStock', 'ProductBackInStock']);
  });

  it("take the product's modifiedDate as the stock's when the record has no time", () => {
    const record = stockMove(3, 2, { modifiedDate: '2026-02-02T00:00:00.000Z' });
    delete record.dynamodb.ApproximateCreationDateTime;
    expect(eventsOf(record)[1]).toEqual([
      'ProductStockChanged',
      { productId: 'p-1', stock: 2, previousStock: 3, modifiedDate: '2026-02-02T00:00:00.000Z' },
    ]);
  });
});

describe('a product created or deleted', () => {
  it('is ProductCreated or ProductDeleted alone, whatever its stock', () => {
    const empty = aProduct('p-2', { stock: 0 });
    expect(eventsOf(inserted(empty)).map(([type]) => type)).toEqual(['ProductCreated']);
    expect(eventsOf(removed(empty)).map(([type]) => type)).toEqual(['ProductDeleted']);
  });
});
