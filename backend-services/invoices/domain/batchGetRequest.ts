// The body of POST /invoices/batch-get: `{ orderIds: [...] }`, 1 to 100 distinct order ids
// (repeats count once), as a page of the API's orders holds at most 100.
import { InvalidInputError } from '../../platform/errors.ts';

export const MAX_ORDER_IDS = 100;
/** DynamoDB's limit on a key value (the order id is part of the record's key). */
const MAX_ID_BYTES = 1024;

/** The distinct order ids, in the order of their first mention. */
export function parseBatchGetRequest(body: unknown): string[] {
  const { orderIds } = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as { orderIds?: unknown };
  if (!Array.isArray(orderIds)) throw new InvalidInputError('The body must be a JSON object {"orderIds": [...]}.');
  for (const [index, id] of orderIds.entries()) {
    if (typeof id !== 'string' || id.trim() === '' || Buffer.byteLength(id, 'utf8') > MAX_ID_BYTES) {
      throw new InvalidInputError(`orderIds[${index}] must be a non-empty string of at most ${MAX_ID_BYTES} bytes.`);
    }
  }
  const distinct = [...new Set(orderIds as string[])];
  if (distinct.length < 1 || distinct.length > MAX_ORDER_IDS) {
    throw new InvalidInputError(`orderIds must name 1 to ${MAX_ORDER_IDS} distinct orders; it names ${distinct.length}.`);
  }
  return distinct;
}
