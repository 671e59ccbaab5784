// The stock-returns ledger's entry for an order: written once, in the same transaction as the
// stock it returns, so that an order's stock goes back at most once.
import type { StockReturnLine } from './stockReturn.ts';

export interface StockReturnRecord {
  readonly orderId: string;
  /** The lines returned to stock. */
  readonly products: readonly StockReturnLine[];
  /** Lines of products deleted from the catalog before their stock could return; absent when none. */
  readonly skippedProducts?: readonly StockReturnLine[];
  readonly returnedDate: string;
}

export function stockReturnRecord(
  orderId: string,
  returned: readonly StockReturnLine[],
  skipped: readonly StockReturnLine[],
  now: Date,
): StockReturnRecord {
  return {
    orderId,
    products: returned,
    ...(skipped.length > 0 ? { skippedProducts: skipped } : {}),
    returnedDate: now.toISOString(),
  };
}
