// A product's stock as the back office and shoppers watch it: three levels, and the crossings
// between them that the products service publishes (from its table's stream) and the bus pushes
// to `onInventoryAlert` subscribers (system/events.ts).
//
//   OUT: stock 0          LOW: 0 < stock < threshold          IN: stock ≥ threshold
//
// A change of stock is at most one crossing, named by the level it enters:
//   IN → LOW: ProductLowStock    IN or LOW → OUT: ProductOutOfStock    OUT → LOW or IN: ProductBackInStock
// LOW → IN and moves within a level are no crossing. A drop from IN straight to OUT (10 → 0 in
// one order) is ProductOutOfStock only: the stock never stood in LOW, and "low, 0 left" beside
// "out of stock" would be two alerts for one fact.
import type { InventoryAlertKind } from '../generated/graphql.ts';

/** The threshold of a product that names none (products written before thresholds existed). */
export const DEFAULT_LOW_STOCK_THRESHOLD = 5;

export type StockLevel = 'OUT' | 'LOW' | 'IN';

/** The crossing events by detail-type, each with the alert kind subscribers see. */
export const STOCK_CROSSINGS = {
  ProductLowStock: { kind: 'LOW_STOCK' },
  ProductOutOfStock: { kind: 'OUT_OF_STOCK' },
  ProductBackInStock: { kind: 'BACK_IN_STOCK' },
} as const satisfies Record<string, { readonly kind: InventoryAlertKind }>;

export type StockCrossing = keyof typeof STOCK_CROSSINGS;

/** A product's stock and the threshold below which it is low, as one image of it holds them. */
export interface StockState {
  readonly stock: number;
  readonly threshold: number;
}

/** The threshold an item names, or the default when it names none. */
export function lowStockThresholdOf(item: { readonly lowStockThreshold?: number | null }): number {
  const threshold = item.lowStockThreshold;
  return threshold === undefined || threshold === null ? DEFAULT_LOW_STOCK_THRESHOLD : threshold;
}

export function stockLevel(state: StockState): StockLevel {
  if (state.stock <= 0) return 'OUT';
  return state.stock < state.threshold ? 'LOW' : 'IN';
}

/**
 * The crossing a change from `before` to `after` makes, if any. Each image is judged by its own
 * threshold, so a write that lowers the stock and raises the threshold together can make it low.
 * A change that leaves the stock as it was is no crossing, whatever it does to the threshold.
 */
export function stockCrossing(before: StockState, after: StockState): StockCrossing | undefined {
  if (before.stock === after.stock) return undefined;
  const [from, to] = [stockLevel(before), stockLevel(after)];
  if (from === to) return undefined;
  if (to === 'OUT') return 'ProductOutOfStock';
  if (from === 'OUT') return 'ProductBackInStock';
  return to === 'LOW' ? 'ProductLowStock' : undefined;
}
