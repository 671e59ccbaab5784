// The body of POST /payments/batch-get: `{ orderIds: [...] }` (platform/orderIds.ts).
import { parseOrderIds } from '../../platform/orderIds.ts';
import { assertBodyObject } from './requestFields.ts';

/** The distinct order ids, in the order of their first mention. */
export function parseBatchGetRequest(body: unknown): string[] {
  assertBodyObject(body, '{"orderIds": [...]}');
  return parseOrderIds(body.orderIds);
}
