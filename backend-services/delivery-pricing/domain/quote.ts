// A delivery quote: the boxes the products take, times the destination's fee per box, at most
// MAX_DELIVERY_PRICE (domain/money.ts): a delivery that would cost more is refused, as its price
// would go into an order's total and be answered as a GraphQL Int.
import type { Package } from '../../../domain/catalog.ts';
import { MAX_DELIVERY_PRICE } from '../../../domain/money.ts';
import { InvalidInputError } from '../../platform/errors.ts';
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
  const country = normalizeCountry(request.address.country);
  const pricing = boxes * fee;
  if (pricing > MAX_DELIVERY_PRICE) {
    throw new InvalidInputError(
      `These products take ${boxes} boxes: ${pricing} to deliver to ${country}, more than one delivery may cost (${MAX_DELIVERY_PRICE}, in cents). Order fewer units at once.`,
    );
  }
  return { pricing, boxes, fee, country };
}
