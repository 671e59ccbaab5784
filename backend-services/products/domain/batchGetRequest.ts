// The body of POST /products/batch-get: `{ productIds: [...] }`, 1 to 100 distinct ids (repeats
// count once; BatchGetItem's own limit is 100 keys).
import { InvalidInputError } from '../../platform/errors.ts';

export const MAX_PRODUCT_IDS = 100;
/** DynamoDB's limit on a partition key value. */
const MAX_ID_BYTES = 2048;

/** The distinct product ids, in the order of their first mention. */
export function parseBatchGetRequest(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidInputError('The body must be a JSON object: {"productIds": [...]}.');
  }
  const { productIds } = body as { productIds?: unknown };
  if (!Array.isArray(productIds)) throw new InvalidInputError('productIds must be an array of product ids.');
  for (const [index, id] of productIds.entries()) {
    if (typeof id !== 'string' || id === '' || Buffer.byteLength(id, 'utf8') > MAX_ID_BYTES) {
      throw new InvalidInputError(`productIds[${index}] must be a non-empty string of at most ${MAX_ID_BYTES} bytes.`);
    }
  }
  const distinct = [...new Set(productIds as string[])];
  if (distinct.length < 1 || distinct.length > MAX_PRODUCT_IDS) {
    throw new InvalidInputError(`productIds must name 1 to ${MAX_PRODUCT_IDS} distinct products; it names ${distinct.length}.`);
  }
  return distinct;
}
