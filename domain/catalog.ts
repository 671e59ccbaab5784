// The catalog's products as the services that do not own them see them. The products table's
// item is the products service's (backend-services/products/domain/product.ts); the orders and
// delivery-pricing services read products through its batch-get, and an order keeps a snapshot
// of each product's package (order.ts).

/** A product's package (the schema's Package): sizes in millimetres, weight in grams. */
export interface Package {
  readonly width: number;
  readonly length: number;
  readonly height: number;
  readonly weight: number;
}

/** What other services use of a product; every number a safe integer. */
export interface CatalogProduct {
  readonly productId: string;
  readonly name: string;
  /** Cents. */
  readonly price: number;
  readonly package: Package;
  readonly stock: number;
}
