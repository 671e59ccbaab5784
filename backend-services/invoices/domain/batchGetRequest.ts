// The body of POST /invoices/batch-get: `{ orderIds: [...] }` (platform/orderIds.ts).
import { InvalidInputError } from '../../platform/errors.ts';
import { parseOrderIds } from '../../platform/orderIds.ts';

/** The distinct order ids, in the order of their first mention. */
export function parseBatchGetRequest(body: unknown): string[] {
  const { orderIds } = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as { orderIds?: unknown };
  if (!Array.isArray(orderIds)) throw new InvalidInputError('The body must be a JSON object {"orderIds": [...]}.');
  return parseOrderIds(orderIds);
}
