import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOW_STOCK_THRESHOLD,
  lowStockThresholdOf,
  STOCK_CROSSINGS,
  stockCrossing,
  stockLevel,
} from '../../../domain/inventory.ts';

const at = (stock: number, threshold = 5) => ({ stock, threshold });

describe('stockLevel', () => {
  it('is OUT at 0, LOW below the threshold, IN at or above it', () => {
    expect([0, 1, 4, 5, 6].map((stock) => stockLevel(at(stock)))).toEqual(['OUT', 'LOW', 'LOW', 'IN', 'IN']);
  });

  it('is OUT for any stock at a threshold of 0 only when the stock is 0', () => {
    expect([0, 1].map((stock) => stockLevel(at(stock, 0)))).toEqual(['OUT', 'IN']);
  });
});

describe('lowStockThresholdOf', () => {
  it('is the threshold the product names, 5 when it names none', () => {
    expect(lowStockThresholdOf({ lowStockThreshold: 12 })).toBe(12);
    expect(lowStockThresholdOf({ lowStockThreshold: 0 })).toBe(0);
    expect(lowStockThresholdOf({})).toBe(DEFAULT_LOW_STOCK_THRESHOLD);
    expect(lowStockThresholdOf({ lowStockThreshold: null })).toBe(5);
  });
});

describe('stockCrossing', () => {
  it.each([
    [10, 4, 'ProductLowStock'],
    [5, 4, 'ProductLowStock'],
    [5, 1, 'ProductLowStock'],
    [3, 0, 'ProductOutOfStock'],
    [1, 0, 'ProductOutOfStock'],
    [0, 1, 'ProductBackInStock'],
    [0, 10, 'ProductBackInStock'],
  ] as const)('makes %i → %i %s', (before, after, crossing) => {
    expect(stockCrossing(at(before), at(after))).toBe(crossing);
  });

  it('makes a drop from 10 to 0 in one change ProductOutOfStock only: the stock never stood low', () => {
    expect(stockCrossing(at(10), at(0))).toBe('ProductOutOfStock');
  });

  it.each([
    [10, 5],
    [4, 2],
    [2, 4],
    [4, 9],
    [9, 20],
    [0, 0],
    [7, 7],
  ])('makes no crossing of %i → %i (within a level, or LOW → IN)', (before, after) => {
    expect(stockCrossing(at(before), at(after))).toBeUndefined();
  });

  it('judges each image by its own threshold, and a change of the threshold alone crosses nothing', () => {
    expect(stockCrossing(at(10, 5), at(9, 10))).toBe('ProductLowStock');
    expect(stockCrossing(at(8, 5), at(8, 10))).toBeUndefined();
  });

  it('gives each crossing the alert kind subscribers see', () => {
    expect(STOCK_CROSSINGS).toEqual({
      ProductLowStock: { kind: 'LOW_STOCK' },
      ProductOutOfStock: { kind: 'OUT_OF_STOCK' },
      ProductBackInStock: { kind: 'BACK_IN_STOCK' },
    });
  });
});
