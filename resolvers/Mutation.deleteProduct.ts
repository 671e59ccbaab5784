import { type Context, type HTTPRequest, util } from '@aws-appsync/utils';
import type { MutationDeleteProductArgs, Product } from '../generated/graphql';
import { ErrorType } from './lib/errors';
import { callerId } from './lib/identity';
import { productPath, productsServiceRequest, serviceProductOrError } from './lib/products';

/**
 * Deletes a product through the products service's DELETE /products/{productId}, and answers it
 * as it was; null when there was none. Cart lines keep it (as product null).
 */
export function request(ctx: Context<MutationDeleteProductArgs>): HTTPRequest<string> {
  if (ctx.args.productId.trim() === '') {
    util.error('productId must not be blank', ErrorType.BadRequest);
  }
  return productsServiceRequest('DELETE', productPath(ctx.args.productId), null, { actor: callerId(ctx) });
}

export function response(ctx: Context<MutationDeleteProductArgs>): Product | null {
  return serviceProductOrError(ctx);
}
