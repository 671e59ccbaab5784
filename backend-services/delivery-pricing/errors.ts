// The errors the delivery-pricing service answers with (INVALID_INPUT is platform/errors.ts').
import { ServiceError } from '../platform/errors.ts';

/** A 400: the product is part of a bad request. */
export class UnknownProductError extends ServiceError {
  constructor(readonly productId: string) {
    super(400, 'UNKNOWN_PRODUCT', `No product has the id "${productId}".`, { productId });
  }
}

/** The products service did not answer; `cause` says how, for the logs. */
export class ServiceUnavailableError extends ServiceError {
  constructor(message: string, options?: ErrorOptions) {
    super(503, 'SERVICE_UNAVAILABLE', message, {}, options);
  }
}
