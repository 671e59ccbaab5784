// The order ids of a batch request (`POST /<service>/batch-get { orderIds }`): 1 to 100 distinct
// ids (repeats count once), as a page of the API's orders holds at most 100.
import { InvalidInputError } from './errors.ts';

export const MAX_ORDER_IDS = 100;
/** DynamoDB's limit on a key value: an order id is part of the keys it is looked up by. */
const MAX_ID_BYTES = 1024;

/** The distinct order ids of `orderIds`, in the order of their first mention; InvalidInputError else. */
export function parseOrderIds(orderIds: unknown): string[] {
  if (!Array.isArray(orderIds)) throw new InvalidInputError('orderIds must be an array of order ids.');
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
