// The products service as other services see it: the catalog's products from
// POST /products/batch-get, signed with the calling function's role. Anything but a well-formed
// 200 is ProductsUnavailableError (its message, for the caller's logs, says what came back):
// without the catalog a caller cannot go on, and tells its own caller so in its own terms.
import type { CatalogProduct, Package } from '../../../domain/catalog.ts';
import { signedFetch, UnreachableError } from '../signedFetch.ts';

export interface ProductsApi {
  /** The products service's base URL, stage included, without a trailing slash. */
  readonly baseUrl: string;
  readonly region: string;
}

export class ProductsUnavailableError extends Error {
  override name = 'ProductsUnavailableError';
}

/** The catalog's products among `productIds` (at most 100), by id; an id the catalog lacks is absent. */
export async function fetchCatalogProducts(
  api: ProductsApi,
  productIds: readonly string[],
): Promise<Map<string, CatalogProduct>> {
  const url = `${api.baseUrl}/products/batch-get`;
  const response = await signedFetch(url, { method: 'POST', region: api.region, body: { productIds } }).catch(
    (error: unknown) => {
      throw error instanceof UnreachableError ? new ProductsUnavailableError(error.message, { cause: error }) : error;
    },
  );
  if (response.status !== 200)
    throw new ProductsUnavailableError(`POST ${url} answered ${response.status}: ${JSON.stringify(response.body) ?? 'no body'}`);
  const products = (response.body as { products?: unknown } | undefined)?.products;
  if (!Array.isArray(products)) throw new ProductsUnavailableError(`POST ${url} answered 200 without a products list.`);
  return new Map(
    products.map((product: unknown) => toCatalogProduct(product, url)).map((product) => [product.productId, product]),
  );
}

function toCatalogProduct(product: unknown, url: string): CatalogProduct {
  const { productId, name, price, stock, package: box } = (product ?? {}) as Record<string, unknown>;
  const size = (box ?? {}) as Record<keyof Package, unknown>;
  const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
  if (
    typeof productId !== 'string' ||
    typeof name !== 'string' ||
    !isCount(price) ||
    !Number.isSafeInteger(stock) ||
    ![size.width, size.length, size.height, size.weight].every(isCount)
  ) {
    throw new ProductsUnavailableError(
      `POST ${url} answered a product without a valid name, price, stock and package: ${JSON.stringify(product)}`,
    );
  }
  const { width, length, height, weight } = size as Record<keyof Package, number>;
  return { productId, name, price, stock: stock as number, package: { width, length, height, weight } };
}
