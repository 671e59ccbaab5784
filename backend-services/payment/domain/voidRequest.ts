// The body of POST /payments/void: `{ orderId, paymentToken }` for a card's claim, or
// `{ orderId, method: "GATEWAY" }` for the order's gateway payment.
import { InvalidInputError } from '../../platform/errors.ts';
import { assertBodyObject, requireId } from './requestFields.ts';

export type VoidRequest =
  | { readonly method: 'CARD'; readonly orderId: string; readonly paymentToken: string }
  | { readonly method: 'GATEWAY'; readonly orderId: string };

export function parseVoidRequest(body: unknown): VoidRequest {
  assertBodyObject(body, '{"orderId", "paymentToken"} or {"orderId", "method": "GATEWAY"}');
  const orderId = requireId(body, 'orderId');
  const method = body.method ?? 'CARD';
  if (method === 'GATEWAY') return { method, orderId };
  if (method !== 'CARD')
    throw new InvalidInputError(`method, when given, must be CARD or GATEWAY; it is ${JSON.stringify(method)}.`);
  return { method, orderId, paymentToken: requireId(body, 'paymentToken') };
}
