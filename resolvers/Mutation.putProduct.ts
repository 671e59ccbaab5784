import type { Context, HTTPRequest } from '@aws-appsync/utils';
import type { MutationPutProductArgs, Product } from '../generated/graphql';
import { callerId } from './lib/identity';
import { productsServiceRequest, serviceProductOrError } from './lib/products';

/**
 * Creates or replaces a product through the products service's POST /products, which checks it
 * (every problem in one BadRequest), generates a missing id, keeps the stock of an existing
 * product (Conflict when the input's differs: adjustStock changes it) and, with expectedVersion,
 * refuses a product changed since it was read (Conflict).
 */
export function request(ctx: Context<MutationPutProductArgs>): HTTPRequest<string> {
  return productsServiceRequest('POST', '/products', {
    input: ctx.args.input,
    expectedVersion: ctx.args.expectedVersion ?? null,
    actor: callerId(ctx),
  });
}

export function response(ctx: Context<MutationPutProductArgs>): Product {
  return serviceProductOrError(ctx) as Product;
}
