// Products as the API answers them, and the catalog writes of the products service.
//
// Reads come straight from the products table: items written before versions and thresholds
// have neither, and every reader answers them through `withProductDefaults` (version 0,
// threshold 5: domain/stockMovement.ts and domain/inventory.ts). Writes (putProduct, deleteProduct, adjustStock) go to
// the products service, which validates, decides and records the stock movements; the resolver
// adds who asks (`actor`, the caller's sub) and answers the service's product, or its refusal as
// the field's error (lib/serviceAnswers.ts: INVALID_INPUT BadRequest, NOT_FOUND NotFound,
// CONFLICT Conflict, anything else ServiceUnavailable).
import { type Context, type HTTPRequest, util } from '@aws-appsync/utils';
import type { Product } from '../../generated/graphql';
import { lowStockThresholdOf } from '../../domain/inventory';
import { versionOf } from '../../domain/stockMovement';
import { ErrorType } from './errors';
import { raiseServiceError, type ServiceResult } from './serviceAnswers';

/** The product with `version` and `lowStockThreshold` filled in for items written before them; null stays null. */
export function withProductDefaults<T extends Product | null | undefined>(product: T): T {
  if (product) {
    product.version = versionOf(product);
    product.lowStockThreshold = lowStockThresholdOf(product);
  }
  return product;
}

export function productsServiceRequest(
  method: 'POST' | 'DELETE',
  path: string,
  body: Record<string, unknown> | null,
  query?: Record<string, string>,
): HTTPRequest<string> {
  const request: HTTPRequest<string> = {
    method,
    resourcePath: `/prod${path}`,
    params: { headers: { 'content-type': 'application/json' } },
  };
  if (body) {
    request.params!.body = JSON.stringify(body);
  }
  if (query) {
    request.params!.query = query;
  }
  return request;
}

/** A path segment of a product id, percent-encoded. */
export function productPath(productId: string): string {
  return `/products/${util.urlEncode(productId)}`;
}

/** The service's `product` (null for a deleteProduct of nothing), or its refusal as the field's error. */
export function serviceProductOrError(ctx: Context): Product | null {
  if (ctx.error) {
    util.error(`The products service could not be reached: ${ctx.error.message}`, ErrorType.ServiceUnavailable);
  }
  const result = ctx.result as ServiceResult;
  if (result.statusCode !== 200) {
    raiseServiceError('products', result);
  }
  return withProductDefaults((JSON.parse(result.body) as { product: Product | null }).product);
}
