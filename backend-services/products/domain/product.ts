// A product as the catalog stores it and the service returns it.
import type { Package } from '../../../domain/catalog.ts';
import { lowStockThresholdOf } from '../../../domain/inventory.ts';
import { versionOf } from '../../../domain/stockMovement.ts';

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
  /** Absent on products written before thresholds: DEFAULT_LOW_STOCK_THRESHOLD (domain/inventory.ts). */
  readonly lowStockThreshold?: number;
  /** 1 when created, +1 on every put; absent on products written before versions (0). */
  readonly version?: number;
  readonly createdDate: string;
  readonly modifiedDate: string;
}

/** A product as the service answers it: its version and threshold given for older items too. */
export function answeredProduct(product: Product): Product & { version: number; lowStockThreshold: number } {
  return { ...product, version: versionOf(product), lowStockThreshold: lowStockThresholdOf(product) };
}
