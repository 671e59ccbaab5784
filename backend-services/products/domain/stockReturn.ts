// An order that ended without delivery, as the return-stock rule delivers it (the whole
// EventBridge OrderStatusChanged event): which units go back on the shelves. The rule lets only
// the statuses that return stock through (domain/orderLifecycle.ts); this reads no status, but
// refuses an event of any source but the orders service's, which only it may put.
import { SOURCE as ORDERS_SOURCE } from '../../orders/events.ts';
import type { EventBridgeEvent } from '../../platform/lambdaTypes.ts';

export interface StockReturnLine {
  readonly productId: string;
  readonly quantity: number;
}

export interface StockReturn {
  readonly orderId: string;
  /** One line per product (a product named twice is summed): a transaction may touch an item once. */
  readonly lines: readonly StockReturnLine[];
}

/** TransactWriteItems takes 100 items: the return's record, and an update and a movement per product. */
export const MAX_RETURN_LINES = 49;

/** Throws on an event that is not the orders service's status change with its lines: a rule or producer is wrong. */
export function parseStockReturn(event: EventBridgeEvent): StockReturn {
  const { orderId, products } = (event.detail ?? {}) as { orderId?: unknown; products?: unknown };
  const describe = `${event.source} ${event['detail-type']}`;
  if (
    event.source !== ORDERS_SOURCE ||
    event['detail-type'] !== 'OrderStatusChanged' ||
    typeof orderId !== 'string' ||
    orderId === '' ||
    !Array.isArray(products)
  ) {
    throw new Error(`Expected an OrderStatusChanged event with an orderId and products from ${ORDERS_SOURCE}; got ${describe}.`);
  }
  const quantities = new Map<string, number>();
  for (const line of products as unknown[]) {
    const { productId, quantity } = (line ?? {}) as { productId?: unknown; quantity?: unknown };
    if (typeof productId !== 'string' || productId === '' || !Number.isSafeInteger(quantity) || (quantity as number) < 1) {
      throw new Error(`Order ${orderId}'s ${describe} has a line without a productId and a positive whole quantity.`);
    }
    quantities.set(productId, (quantities.get(productId) ?? 0) + (quantity as number));
  }
  if (quantities.size > MAX_RETURN_LINES) {
    throw new Error(`Order ${orderId} has ${quantities.size} products; one transaction returns at most ${MAX_RETURN_LINES}.`);
  }
  return { orderId, lines: [...quantities].map(([productId, quantity]) => ({ productId, quantity })) };
}
