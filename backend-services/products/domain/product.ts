// A product as the catalog stores it and the service returns it.
import type { Package } from '../../../domain/catalog.ts';

export interface Product {
  readonly productId: string;
  readonly name: string;
  readonly description?: string | null;
  readonly category: string;
  readonly tags: readonly string[];
  readonly pictures: readonly string[];
  /** Cents. */
  readonly price: number;
  readonly package: Package;
  readonly stock: number;
  readonly createdDate: string;
  readonly modifiedDate: string;
}
