import type { Context, HTTPRequest } from '@aws-appsync/utils';
import type { MutationAdjustStockArgs, Product } from '../generated/graphql';
import { callerId } from './lib/identity';
import { productPath, productsServiceRequest, serviceProductOrError } from './lib/products';

/**
 * Moves a product's stock by delta through the products service's
 * POST /products/{productId}/stock-adjustments: atomic, never below 0 (Conflict), recorded in the
 * stock ledger with the reason and the caller; the same idempotencyKey again answers the same.
 */
export function request(ctx: Context<MutationAdjustStockArgs>): HTTPRequest<string> {
  const { productId, delta, reason, idempotencyKey } = ctx.args;
  return productsServiceRequest('POST', `${productPath(productId)}/stock-adjustments`, {
    delta,
    reason,
    idempotencyKey: idempotencyKey ?? null,
    actor: callerId(ctx),
  });
}

export function response(ctx: Context<MutationAdjustStockArgs>): Product {
  return serviceProductOrError(ctx) as Product;
}
