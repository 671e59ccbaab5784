// An order's money, in cents: prices come from the catalog, never from the client.

export interface PricedLine {
  readonly price: number;
  readonly quantity: number;
}

export function orderTotals(lines: readonly PricedLine[], deliveryPrice: number): { subtotal: number; total: number } {
  const subtotal = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  return { subtotal, total: subtotal + deliveryPrice };
}

/**
 * An order whose total is 0 (free products, free delivery): placed without a payment, so it has
 * none to claim, void, capture or refund, and no invoice (issued when money is taken).
 */
export function isFree(order: { readonly total: number }): boolean {
  return order.total === 0;
}
