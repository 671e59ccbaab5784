// Products for tests: a valid catalog item, with what a test cares about overridden.
import type { Product } from '../../../backend-services/products/domain/product.ts';
import type { Package } from '../../../domain/catalog.ts';

export function aProduct(productId: string, overrides: Partial<Omit<Product, 'productId'>> = {}): Product {
  return {
    productId,
    name: `Product ${productId}`,
    description: `The product ${productId}.`,
    category: 'books',
    tags: ['books', 'premium'],
    pictures: [`https://example.com/${productId}.jpg`],
    price: 4200,
    package: { width: 100, length: 200, height: 300, weight: 400 },
    stock: 10,
    createdDate: '2026-01-01T00:00:00.000Z',
    modifiedDate: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function aPackage(width: number, length: number, height: number, weight: number): Package {
  return { width, length, height, weight };
}
