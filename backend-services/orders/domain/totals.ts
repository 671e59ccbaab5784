// An order's money, in cents: prices come from the catalog, never from the client.

export interface PricedLine {
  readonly price: number;
  readonly quantity: number;
}

export function orderTotals(lines: readonly PricedLine[], deliveryPrice: number): { subtotal: number; total: number } {
  const subtotal = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  return { subtotal, total: subtotal + deliveryPrice };
}
