// The products service as this service sees it: the catalog's package of each product, from
// POST /products/batch-get, signed with this function's role. Anything but a well-formed 200 is
// SERVICE_UNAVAILABLE: without packages there is no quote.
import { signedFetch, UnreachableError } from '../../shared/signedFetch.ts';
import { config } from '../config.ts';
import type { Package } from '../domain/boxes.ts';
import { ServiceUnavailableError } from '../errors.ts';

/** The package of each product the catalog knows among `productIds` (at most 100); unknown ids are absent. */
export async function fetchPackages(productIds: readonly string[]): Promise<Map<string, Package>> {
  const url = `${config.productsApiUrl}/products/batch-get`;
  const response = await signedFetch(url, { method: 'POST', region: config.region, body: { productIds } }).catch((error: unknown) => {
    throw error instanceof UnreachableError ? unavailable(error.message) : error;
  });
  if (response.status !== 200) throw unavailable(`POST ${url} answered ${response.status}: ${JSON.stringify(response.body) ?? 'no body'}`);
  const products = (response.body as { products?: unknown } | undefined)?.products;
  if (!Array.isArray(products)) throw unavailable(`POST ${url} answered 200 without a products list.`);
  return new Map(products.map((product: unknown) => toEntry(product, url)));
}

function toEntry(product: unknown, url: string): [string, Package] {
  const { productId, package: box } = (product ?? {}) as { productId?: unknown; package?: Record<keyof Package, unknown> };
  const isSize = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
  if (typeof productId !== 'string' || !box || !isSize(box.width) || !isSize(box.length) || !isSize(box.height) || !isSize(box.weight)) {
    throw unavailable(`POST ${url} answered a product without a valid package: ${JSON.stringify(product)}`);
  }
  return [productId, { width: box.width, length: box.length, height: box.height, weight: box.weight }];
}

function unavailable(reason: string): ServiceUnavailableError {
  // The reason is for the logs; the caller learns only that the catalog could not be read.
  console.error(`delivery-pricing: products service unavailable: ${reason}`);
  return new ServiceUnavailableError('The catalog could not be read from the products service; try again shortly.');
}
