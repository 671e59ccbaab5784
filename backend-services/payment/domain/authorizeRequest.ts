// The body of POST /payments/authorize: `{ orderId, userId, paymentToken, amount }`.
import { assertBodyObject, requireAmount, requireId } from './requestFields.ts';

export interface AuthorizeRequest {
  readonly orderId: string;
  readonly userId: string;
  readonly paymentToken: string;
  /** Minor units: the order's total. */
  readonly amount: number;
}

export function parseAuthorizeRequest(body: unknown): AuthorizeRequest {
  assertBodyObject(body, '{"orderId", "userId", "paymentToken", "amount"}');
  return {
    orderId: requireId(body, 'orderId'),
    userId: requireId(body, 'userId'),
    paymentToken: requireId(body, 'paymentToken'),
    amount: requireAmount(body, 'amount'),
  };
}
