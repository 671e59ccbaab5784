// The body of POST /pricing: `{ products: [{productId, quantity}], address: {...} }`.
import { InvalidInputError } from '../../platform/errors.ts';
import { type Address, parseAddress } from './address.ts';
import { type LineItem, parseLineItems } from './lineItems.ts';

export interface QuoteRequest {
  /** Merged: one line per product. */
  readonly lines: readonly LineItem[];
  readonly address: Address;
}

export function parseQuoteRequest(body: unknown): QuoteRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidInputError('The body must be a JSON object: {"products": [...], "address": {...}}.');
  }
  const { products, address } = body as Record<string, unknown>;
  return { lines: parseLineItems(products), address: parseAddress(address) };
}
