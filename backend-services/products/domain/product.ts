// A product as the catalog stores it and the service returns it.

export interface Package {
  /** Millimetres. */
  readonly width: number;
  readonly length: number;
  readonly height: number;
  /** Grams. */
  readonly weight: number;
}

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
