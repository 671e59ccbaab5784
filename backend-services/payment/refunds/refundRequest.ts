// What refundPayment is asked, and the body of POST /payments/refund that asks it:
// `{ orderId, amount?, reason, idempotencyKey, requestedBy }`. Settlement asks too, under keys of
// its own (`release-<orderStatus>`), which a client may not take.
import { InvalidInputError } from '../../platform/errors.ts';
import { assertBodyObject, requireId } from '../domain/requestFields.ts';

export interface RefundRequest {
  readonly orderId: string;
  /**
   * Minor units to give back. Absent: all that is still refundable; for an authorised card
   * payment, its release (which takes no other amount than the whole).
   */
  readonly amount?: number;
  readonly reason: string;
  /** Names the refund: the same key again answers the same, and gives back once. */
  readonly idempotencyKey: string;
  /** Who asks: the admin's user id (the API passes the caller's `sub`), or the settling service. */
  readonly requestedBy: string;
}

export const MAX_REASON_LENGTH = 500;

/** An idempotency key: 1 to 64 letters, digits, `.`, `_`, `:` or `-`, as checkout's. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,64}$/;

/** The keys settlement refunds an undelivered gateway order under: `release-<orderStatus>`. */
const SETTLEMENT_KEY_PREFIX = 'release-';

export function settlementRefundKey(orderStatus: string): string {
  return `${SETTLEMENT_KEY_PREFIX}${orderStatus}`;
}

/** The body of POST /payments/refund; the first problem found is the error's message. */
export function parseRefundRequest(body: unknown): RefundRequest {
  assertBodyObject(body, '{"orderId", "amount"?, "reason", "idempotencyKey", "requestedBy"}');
  const orderId = requireId(body, 'orderId');
  const { amount, reason, idempotencyKey } = body;
  if (amount !== undefined && amount !== null && (typeof amount !== 'number' || !Number.isSafeInteger(amount))) {
    throw new InvalidInputError('amount must be a whole number of minor units, or absent to refund all that is left.');
  }
  if (typeof reason !== 'string' || reason.trim() === '' || [...reason].length > MAX_REASON_LENGTH) {
    throw new InvalidInputError(`reason must be 1 to ${MAX_REASON_LENGTH} characters, not blank.`);
  }
  if (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new InvalidInputError('idempotencyKey must be 1 to 64 letters, digits, ".", "_", ":" or "-".');
  }
  // A client's key equal to settlement's would make settlement take the client's refund for its own.
  if (idempotencyKey.startsWith(SETTLEMENT_KEY_PREFIX)) {
    throw new InvalidInputError(
      `idempotencyKey must not start with "${SETTLEMENT_KEY_PREFIX}": such keys are the service's own.`,
    );
  }
  const requestedBy = requireId(body, 'requestedBy');
  return { orderId, ...(typeof amount === 'number' ? { amount } : {}), reason, idempotencyKey, requestedBy };
}
