// The errors of the orders service. ServiceUnavailableError: a backend (a service or a table)
// did not answer, so nothing was written (or, as its message then says, nothing for sure). It is
// thrown, not returned, so that an idempotency record is removed and a retry runs afresh; the
// checkout route turns it into a 503 CreateOrderResponse and logs it with its cause. The other
// two are such causes.
import { ServiceError } from '../platform/errors.ts';

export class ServiceUnavailableError extends ServiceError {
  /** `message` is the caller's; `cause`, for the logs, the failure behind it. */
  constructor(message: string, options?: ErrorOptions) {
    super(503, 'SERVICE_UNAVAILABLE', message, {}, options);
  }
}

/**
 * The idempotency key was used before, for another payload: the order under it holds another
 * payload's hash. Thrown, not returned, so that Powertools keeps no record of the key with this
 * payload: the first payload goes on answering its order. The checkout route answers it as
 * IDEMPOTENCY_CONFLICT.
 */
export class IdempotencyConflictError extends Error {
  override name = 'IdempotencyConflictError';
  constructor(
    readonly orderId: string,
    options?: ErrorOptions,
  ) {
    super(`Order ${orderId} was placed under this idempotency key with another payload.`, options);
  }
}

/** Another service answered, but not as its contract says: the message says what came back. */
export class UnexpectedAnswerError extends Error {
  override name = 'UnexpectedAnswerError';
}

/**
 * The write of an order got no definite answer, though it was sent again with its token, and the
 * order is not (or cannot be) read: it may yet exist, so its payment claim is kept. `cause`: the
 * last failure.
 */
export class OrderOutcomeUnknownError extends Error {
  override name = 'OrderOutcomeUnknownError';
  constructor(
    readonly orderId: string,
    options?: ErrorOptions,
  ) {
    super(
      `Whether order ${orderId} was written is unknown: DynamoDB never settled its transaction. Its payment claim is kept.`,
      options,
    );
  }
}
