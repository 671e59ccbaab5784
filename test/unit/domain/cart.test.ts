import { describe, expect, it } from 'vitest';
import { CART_HEADER_ID, isCartLine, isReservedId, MAX_CART_LINES, MAX_LINE_QUANTITY } from '../../../domain/cart.ts';

/** One TransactWriteItems takes at most this many items. */
const DYNAMODB_TRANSACTION_ITEMS = 100;

describe('the cart layout', () => {
  it('lets a line hold 999 units and a cart 25 lines', () => {
    expect(MAX_LINE_QUANTITY).toBe(999);
    expect(MAX_CART_LINES).toBe(25);
  });

  it('clears a full cart in one transaction: every line and the header', () => {
    expect(MAX_CART_LINES + 1).toBeLessThanOrEqual(DYNAMODB_TRANSACTION_ITEMS);
  });

  it('keeps the header under an id no product may have', () => {
    expect(isReservedId(CART_HEADER_ID)).toBe(true);
    expect(isReservedId('demo-books-01')).toBe(false);
  });
});

describe('isCartLine', () => {
  const line = {
    userId: 'u-1',
    productId: 'lamp',
    quantity: 2,
    addedDate: '2026-01-01T00:00:00.000Z',
    modifiedDate: '2026-01-01T00:00:00.000Z',
  };

  it('takes a row with a quantity for a line', () => {
    expect(isCartLine(line)).toBe(true);
  });

  it('skips the header row, whatever it holds', () => {
    const header = { userId: 'u-1', productId: CART_HEADER_ID, productIds: ['lamp'], modifiedDate: line.modifiedDate };
    expect(isCartLine(header)).toBe(false);
    expect(isCartLine({ ...line, productId: CART_HEADER_ID })).toBe(false);
  });

  it('skips a row without a numeric quantity', () => {
    expect(isCartLine({ productId: 'lamp' })).toBe(false);
    expect(isCartLine({ productId: 'lamp', quantity: '2' })).toBe(false);
  });
});
