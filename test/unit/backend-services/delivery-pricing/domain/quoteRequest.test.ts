import { describe, expect, it } from 'vitest';
import { parseQuoteRequest } from '../../../../../backend-services/delivery-pricing/domain/quoteRequest.ts';
import { InvalidInputError } from '../../../../../backend-services/platform/errors.ts';

const address = { name: 'Ada', streetAddress: '1 Main Street', city: 'Oslo', country: 'NO', phoneNumber: '+47 1234' };

function invalid(body: unknown): string {
  try {
    parseQuoteRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error('expected INVALID_INPUT');
}

describe('parseQuoteRequest', () => {
  it('merges lines of the same product, summing quantities, in order of first mention', () => {
    const request = parseQuoteRequest({
      products: [
        { productId: 'b', quantity: 2 },
        { productId: 'a', quantity: 1 },
        { productId: 'b', quantity: 997 },
      ],
      address,
    });
    expect(request.lines).toEqual([
      { productId: 'b', quantity: 999 },
      { productId: 'a', quantity: 1 },
    ]);
  });

  it('refuses merged quantities above 999, naming the product', () => {
    expect(
      invalid({
        products: [
          { productId: 'b', quantity: 500 },
          { productId: 'b', quantity: 500 },
        ],
        address,
      }),
    ).toMatch(/"b".*1000/);
  });

  it.each([0, -1, 1000, 1.5, '1', null, undefined])('refuses the quantity %j', (quantity) => {
    expect(invalid({ products: [{ productId: 'a', quantity }], address })).toMatch(/products\[0\]\.quantity/);
  });

  it('refuses an empty product list', () => {
    expect(invalid({ products: [], address })).toMatch(/at least one/);
  });

  it('refuses more than 100 distinct products', () => {
    const products = Array.from({ length: 101 }, (_, i) => ({ productId: `p-${i}`, quantity: 1 }));
    expect(invalid({ products, address })).toMatch(/100/);
  });

  it('names every missing or blank required address field', () => {
    expect(
      invalid({ products: [{ productId: 'a', quantity: 1 }], address: { ...address, city: ' ', phoneNumber: undefined } }),
    ).toBe('address.city, address.phoneNumber must be given and not blank.');
  });

  it('keeps the address as given', () => {
    const full = { ...address, companyName: 'ACME', postCode: '0150', state: null };
    expect(parseQuoteRequest({ products: [{ productId: 'a', quantity: 1 }], address: full }).address).toEqual(full);
  });
});
