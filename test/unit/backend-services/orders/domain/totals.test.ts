import { describe, expect, it } from 'vitest';
import { orderTotals } from '../../../../../backend-services/orders/domain/totals.ts';

describe('orderTotals', () => {
  it('adds Σ price × quantity and the delivery price', () => {
    expect(
      orderTotals(
        [
          { price: 2500, quantity: 2 },
          { price: 900, quantity: 3 },
        ],
        1000,
      ),
    ).toEqual({ subtotal: 7700, total: 8700 });
  });

  it('is the delivery price alone for free products', () => {
    expect(orderTotals([{ price: 0, quantity: 4 }], 1500)).toEqual({ subtotal: 0, total: 1500 });
  });
});
