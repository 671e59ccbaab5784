// A delivery quote: the boxes the products take, times the destination's fee per box.
import type { Package } from '../../../domain/catalog.ts';
import { UnknownProductError } from '../errors.ts';
import { countBoxes } from './boxes.ts';
import { feeFor, normalizeCountry } from './fees.ts';
import type { QuoteRequest } from './quoteRequest.ts';

export interface Quote {
  /** Cents: boxes × fee. */
  readonly pricing: number;
  readonly boxes: number;
  /** Cents per box. */
  readonly fee: number;
  /** The destination as compared: trimmed, upper-case. */
  readonly country: string;
}

/** `packages` holds the catalog's package of each product it knows. */
export function quoteDelivery(request: QuoteRequest, packages: ReadonlyMap<string, Package>): Quote {
  const lines = request.lines.map(({ productId, quantity }) => {
    const found = packages.get(productId);
    if (!found) throw new UnknownProductError(productId);
    return { package: found, quantity };
  });
  const boxes = countBoxes(lines);
  const fee = feeFor(request.address.country);
  return { pricing: boxes * fee, boxes, fee, country: normalizeCountry(request.address.country) };
}
