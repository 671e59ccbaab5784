// The errors the delivery-pricing service answers with (INVALID_INPUT is shared/errors.ts').
import { ServiceError } from '../shared/errors.ts';

/** A 400, unlike the products service's 404: here the product is part of a bad request. */
export class UnknownProductError extends ServiceError {
  constructor(readonly productId: string) {
    super(400, 'UNKNOWN_PRODUCT', `No product has the id "${productId}".`, { productId });
  }
}

export class ServiceUnavailableError extends ServiceError {
  constructor(message: string) {
    super(503, 'SERVICE_UNAVAILABLE', message);
  }
}
