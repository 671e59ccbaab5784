import { describe, expect, it } from 'vitest';
import { parsePackagesRequest } from '../../../../../backend-services/delivery-pricing/domain/packagesRequest.ts';
import { InvalidInputError } from '../../../../../backend-services/platform/errors.ts';

const address = { name: 'Ada', streetAddress: '1 Main Street', city: 'Oslo', country: 'NO', phoneNumber: '+47 1234' };
const box = { width: 100, length: 200, height: 300, weight: 400 };

function invalid(body: unknown): string {
  try {
    parsePackagesRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error('expected INVALID_INPUT');
}

describe('parsePackagesRequest', () => {
  it('reads each product’s package beside the merged lines', () => {
    const request = parsePackagesRequest({
      products: [
        { productId: 'b', quantity: 2, package: box },
        { productId: 'a', quantity: 1, package: { width: 0, length: 0, height: 0, weight: 0 } },
        { productId: 'b', quantity: 3, package: { ...box } },
      ],
      address,
    });
    expect(request.lines).toEqual([
      { productId: 'b', quantity: 5 },
      { productId: 'a', quantity: 1 },
    ]);
    expect(request.packages).toEqual(
      new Map([
        ['b', box],
        ['a', { width: 0, length: 0, height: 0, weight: 0 }],
      ]),
    );
  });

  it('checks the lines and the address as POST /pricing does', () => {
    expect(invalid({ products: [], address })).toMatch(/at least one product/);
    expect(invalid({ products: [{ productId: 'a', quantity: 0, package: box }], address })).toMatch(/quantity/);
  });

  it.each([
    ['missing', undefined, 'products[0].package'],
    ['a fraction', { ...box, weight: 1.5 }, 'products[0].package.weight'],
    ['negative', { ...box, width: -1 }, 'products[0].package.width'],
    ['a string', { ...box, height: '300' }, 'products[0].package.height'],
  ])('refuses a package %s', (_, given, named) => {
    expect(invalid({ products: [{ productId: 'a', quantity: 1, package: given }], address })).toContain(named);
  });

  it('refuses two lines giving one product different packages', () => {
    expect(
      invalid({
        products: [
          { productId: 'a', quantity: 1, package: box },
          { productId: 'a', quantity: 1, package: { ...box, weight: 1 } },
        ],
        address,
      }),
    ).toMatch(/products\[1\] gives product "a" another package/);
  });
});
