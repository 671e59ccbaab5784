// The errors the payment service answers with (INVALID_INPUT is shared/errors.ts').
import { ServiceError } from '../shared/errors.ts';

/** The token cannot back the order; the message says why. */
export class PaymentDeclinedError extends ServiceError {
  constructor(reason: string) {
    super(402, 'PAYMENT_DECLINED', reason);
  }
}

/** The payment provider (or the table) could not answer; the same call may pass later. */
export class ServiceUnavailableError extends ServiceError {
  constructor(message: string) {
    super(503, 'SERVICE_UNAVAILABLE', message);
  }
}
