import { describe, expect, it } from 'vitest';
import { mergeLineItems } from '../../../../../backend-services/orders/domain/lineItems.ts';

describe('mergeLineItems', () => {
  it('sums the quantities of each product, keeping the order each is first named', () => {
    expect(
      mergeLineItems([
        { productId: 'b', quantity: 1 },
        { productId: 'a', quantity: 5 },
        { productId: 'b', quantity: 2 },
      ]),
    ).toEqual([
      { productId: 'b', quantity: 3 },
      { productId: 'a', quantity: 5 },
    ]);
  });

  it('leaves distinct lines as they are', () => {
    const lines = [{ productId: 'a', quantity: 1 }];
    expect(mergeLineItems(lines)).toEqual(lines);
  });
});
