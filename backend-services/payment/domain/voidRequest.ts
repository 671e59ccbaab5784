// The body of POST /payments/void: `{ orderId, paymentToken }`.
import { assertBodyObject, requireId } from './requestFields.ts';

export interface VoidRequest {
  readonly orderId: string;
  readonly paymentToken: string;
}

export function parseVoidRequest(body: unknown): VoidRequest {
  assertBodyObject(body, '{"orderId", "paymentToken"}');
  return { orderId: requireId(body, 'orderId'), paymentToken: requireId(body, 'paymentToken') };
}
