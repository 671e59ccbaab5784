import { describe, expect, it } from 'vitest';
import { checkAgainstCatalog } from '../../../../../backend-services/orders/domain/catalogChecks.ts';
import type { DeliveryQuote } from '../../../../../backend-services/orders/domain/checkoutPorts.ts';
import type { CatalogProduct } from '../../../../../domain/catalog.ts';
import { MAX_ORDER_TOTAL, MAX_PRICE } from '../../../../../domain/money.ts';

const lamp: CatalogProduct = {
  productId: 'lamp',
  name: 'Desk Lamp',
  price: 2500,
  stock: 3,
  package: { width: 1, length: 1, height: 1, weight: 1 },
};
const mug: CatalogProduct = { ...lamp, productId: 'mug', name: 'Mug', stock: 0 };
const catalog = new Map([lamp, mug].map((product) => [product.productId, product]));
const priced = (pricing: number): DeliveryQuote => ({ kind: 'priced', pricing });

describe('checkAgainstCatalog', () => {
  it('finds nothing to refuse when the products are known and in stock and the price is the quote', () => {
    expect(checkAgainstCatalog([{ productId: 'lamp', quantity: 3 }], catalog, priced(1000), 1000, 'FR')).toEqual([]);
  });

  it('refuses every product the catalog lacks, and nothing else', () => {
    const lines = [
      { productId: 'ghost', quantity: 1 },
      { productId: 'mug', quantity: 5 },
      { productId: 'spirit', quantity: 1 },
    ];
    expect(checkAgainstCatalog(lines, catalog, { kind: 'unknownProduct', productId: 'ghost' }, 99, 'FR')).toEqual([
      { code: 'UNKNOWN_PRODUCT', message: 'No product has the id "ghost".', productId: 'ghost' },
      { code: 'UNKNOWN_PRODUCT', message: 'No product has the id "spirit".', productId: 'spirit' },
    ]);
  });

  it('refuses a product the quote did not know, though the catalog read found it', () => {
    expect(
      checkAgainstCatalog([{ productId: 'lamp', quantity: 1 }], catalog, { kind: 'unknownProduct', productId: 'lamp' }, 0, 'SE'),
    ).toEqual([expect.objectContaining({ code: 'UNKNOWN_PRODUCT', productId: 'lamp' })]);
  });

  it('refuses a delivery price other than the quote, naming both, and every short stock at once', () => {
    const lines = [
      { productId: 'lamp', quantity: 4 },
      { productId: 'mug', quantity: 1 },
    ];
    expect(checkAgainstCatalog(lines, catalog, priced(2500), 1000, 'GB')).toEqual([
      {
        code: 'WRONG_DELIVERY_PRICE',
        message: 'The delivery price given, 1000, is not the delivery price of these products to GB, which is 2500 (in cents).',
      },
      { code: 'OUT_OF_STOCK', message: '"Desk Lamp" (lamp) is out of stock: 4 ordered, only 3 are left.', productId: 'lamp' },
      { code: 'OUT_OF_STOCK', message: '"Mug" (mug) is out of stock: 1 ordered, only 0 are left.', productId: 'mug' },
    ]);
  });

  it('refuses what the delivery-pricing service found invalid', () => {
    expect(
      checkAgainstCatalog([{ productId: 'lamp', quantity: 1 }], catalog, { kind: 'invalid', message: 'no' }, 0, 'SE'),
    ).toEqual([{ code: 'INVALID_INPUT', message: 'no' }]);
  });

  it('refuses an order whose total (lines and delivery) would pass MAX_ORDER_TOTAL, and accepts one of exactly that', () => {
    const dear: CatalogProduct = { ...lamp, productId: 'dear', name: 'Dear', price: MAX_PRICE, stock: 999 };
    const dearCatalog = new Map([[dear.productId, dear]]);
    // 20 at 100,000,000 is 2,000,000,000: the bound with free delivery; a cent of delivery passes it.
    const lines = [{ productId: 'dear', quantity: MAX_ORDER_TOTAL / MAX_PRICE }];
    expect(checkAgainstCatalog(lines, dearCatalog, priced(0), 0, 'SE')).toEqual([]);
    expect(checkAgainstCatalog(lines, dearCatalog, priced(1), 1, 'FR')).toEqual([
      {
        code: 'INVALID_INPUT',
        message:
          "The order's total would be 2000000001; an order may total at most 2000000000 (in cents): order fewer units, or split the order.",
      },
    ]);
  });
});
