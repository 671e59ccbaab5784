// The errors the payment service answers with (INVALID_INPUT is platform/errors.ts'), and those its
// settlement throws so that the bus retries the event, and finally dead-letters it.
import { ServiceError } from '../platform/errors.ts';

/** The token cannot back the order; the message says why. */
export class PaymentDeclinedError extends ServiceError {
  constructor(reason: string) {
    super(402, 'PAYMENT_DECLINED', reason);
  }
}

/** The payment provider (or the table) could not answer; the same call may pass later. */
export class ServiceUnavailableError extends ServiceError {
  /** `cause`, for the logs: the failure behind it. */
  constructor(message: string, options?: ErrorOptions) {
    super(503, 'SERVICE_UNAVAILABLE', message, {}, options);
  }
}

/** A refund names an order the service holds no payment for (unknown, or placed without one). */
export class OrderPaymentNotFoundError extends ServiceError {
  constructor(orderId: string) {
    super(404, 'NOT_FOUND', `No payment is known for order ${orderId}.`);
  }
}

/**
 * The payment's state does not allow the refund (its status, an idempotency key used for another
 * request, a refund the provider refused); the message says which. Nothing was changed by it.
 */
export class RefundConflictError extends ServiceError {
  constructor(message: string, options?: ErrorOptions) {
    super(409, 'CONFLICT', message, {}, options);
  }
}

/** No payment is found for the order yet: the index lags its table, and the bus's retry finds it. */
export class PaymentNotFoundError extends Error {
  override name = 'PaymentNotFoundError';
  constructor(
    readonly orderId: string,
    readonly orderStatus: string,
  ) {
    super(`No payment found for order ${orderId} (status ${orderStatus}); to be retried.`);
  }
}

/** The provider holds the payment settled the other way; `cause` is its refusal. */
export class SettlementRefusedError extends Error {
  override name = 'SettlementRefusedError';
}
