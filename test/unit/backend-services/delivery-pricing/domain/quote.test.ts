import { describe, expect, it } from 'vitest';
import type { Package } from '../../../../../domain/catalog.ts';
import { quoteDelivery } from '../../../../../backend-services/delivery-pricing/domain/quote.ts';
import { parseQuoteRequest } from '../../../../../backend-services/delivery-pricing/domain/quoteRequest.ts';
import { UnknownProductError } from '../../../../../backend-services/delivery-pricing/errors.ts';
import { InvalidInputError } from '../../../../../backend-services/platform/errors.ts';
import { MAX_DELIVERY_PRICE } from '../../../../../domain/money.ts';
import { aPackage } from '../../../../support/backend-services/products.ts';

const address = {
  name: 'Ada Lovelace',
  streetAddress: '1 Main Street',
  city: 'Paris',
  country: 'FR',
  phoneNumber: '+33 1 23 45',
};
const packages = new Map<string, Package>([
  ['small', aPackage(100, 200, 300, 400)],
  ['large', aPackage(1000, 900, 800, 1000)],
  ['heavy', aPackage(100, 100, 100, 5000)],
]);

function quote(products: { productId: string; quantity: number }[], country: string) {
  return quoteDelivery(parseQuoteRequest({ products, address: { ...address, country } }), packages);
}

describe('quoteDelivery', () => {
  it.each([
    ['SE', 0],
    ['FR', 1000],
    ['US', 1500],
    ['GB', 2500],
  ])('prices one 100×200×300 mm, 400 g item to %s at %i', (country, pricing) => {
    expect(quote([{ productId: 'small', quantity: 1 }], country)).toEqual({ pricing, boxes: 1, fee: pricing, country });
  });

  it('prices quantity 4 of a 1000×900×800 mm item to DE at 24 boxes, 24000', () => {
    expect(quote([{ productId: 'large', quantity: 4 }], 'DE')).toEqual({ pricing: 24_000, boxes: 24, fee: 1000, country: 'DE' });
  });

  it('refuses with INVALID_INPUT a delivery that would cost more than MAX_DELIVERY_PRICE, and quotes one that costs exactly that', () => {
    // 999 units of a 10 m cube: 7,992,000 boxes, 7,992,000,000 to GB, past a GraphQL Int.
    const huge = new Map<string, Package>([['crate', aPackage(10_000, 10_000, 10_000, 1)]]);
    const big = () => quoteDelivery(parseQuoteRequest({ products: [{ productId: 'crate', quantity: 999 }], address }), huge);
    expect(big).toThrow(InvalidInputError);
    expect(big).toThrow(/7992000 boxes: 7992000000 to deliver to FR.*\(100000000, in cents\)/);
    // 100,000 boxes at 1000 each: exactly the bound.
    const atBound = new Map<string, Package>([['bale', aPackage(1, 1, 1, 1_200_000_000)]]);
    expect(quoteDelivery(parseQuoteRequest({ products: [{ productId: 'bale', quantity: 1 }], address }), atBound).pricing).toBe(
      MAX_DELIVERY_PRICE,
    );
  });

  it('answers the country as it was compared', () => {
    expect(quote([{ productId: 'small', quantity: 1 }], ' us ')).toEqual({ pricing: 1500, boxes: 1, fee: 1500, country: 'US' });
  });

  it('prices merged duplicates as one line of the summed quantity', () => {
    const merged = quote(
      [
        { productId: 'heavy', quantity: 2 },
        { productId: 'heavy', quantity: 3 },
      ],
      'DE',
    );
    expect(merged).toEqual(quote([{ productId: 'heavy', quantity: 5 }], 'DE'));
    expect(merged).toEqual({ pricing: 3000, boxes: 3, fee: 1000, country: 'DE' });
  });

  it('refuses a product without a package in the catalog, naming it', () => {
    expect(() =>
      quote(
        [
          { productId: 'small', quantity: 1 },
          { productId: 'ghost', quantity: 1 },
        ],
        'FR',
      ),
    ).toThrow(
      expect.objectContaining({ constructor: UnknownProductError, productId: 'ghost', statusCode: 400, code: 'UNKNOWN_PRODUCT' }),
    );
  });
});
