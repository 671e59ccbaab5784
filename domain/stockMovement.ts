// The stock ledger: one movement per change of a product's stock, written in the same
// transaction as the change by whoever changes it (the products service: creation, adjustStock,
// returns, deletion; the orders service: reservations), and read by getStockMovements.
//
// The stock-movements table: partition key productId, sort key movementKey = `<at>#<movementId>`
// (ISO-8601 time, so a query in reverse is newest first). Every stock write is conditional on
// the stock it read (`stock = :old`), so `stockAfter` is exact and a product's movements always
// sum to its stock (from its INITIAL movement on; products written before the ledger have none).
// The version of products written before versions is here too (their threshold's default is
// inventory.ts'): every reader answers them alike.

/** Reasons the system writes; an adjustment's reason is the caller's. */
export const STOCK_REASONS = {
  initial: 'INITIAL',
  orderPlaced: 'ORDER_PLACED',
  orderReturned: 'ORDER_RETURNED',
  productDeleted: 'PRODUCT_DELETED',
} as const;

/** The actor of movements no user made (stock returned after an order ended). */
export const SYSTEM_ACTOR = 'system';

/** The version of a product written before versions. */
export const UNVERSIONED = 0;

export interface StockMovement {
  readonly productId: string;
  /** Units added; negative when taken. Never 0. */
  readonly delta: number;
  readonly reason: string;
  /** The order that moved the stock; absent for other movements. */
  readonly orderId?: string;
  /** A user's id (sub), or SYSTEM_ACTOR. */
  readonly actor: string;
  /** ISO-8601. */
  readonly at: string;
  readonly stockAfter: number;
}

export interface StockMovementItem extends StockMovement {
  /** The sort key: `<at>#<movementId>`. */
  readonly movementKey: string;
}

/** `movementId` makes the key unique among movements of the same millisecond. */
export function stockMovementItem(movement: StockMovement, movementId: string): StockMovementItem {
  return { ...movement, movementKey: `${movement.at}#${movementId}` };
}

/** The product's stored version, 0 when it has none. */
export function versionOf(item: { version?: number | null }): number {
  return item.version ?? UNVERSIONED;
}
