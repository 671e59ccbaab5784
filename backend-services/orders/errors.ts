// The error the orders service throws rather than answers: a backend (a service or a table) did
// not answer, so nothing was written. It is thrown, not returned, so that an idempotency record
// is removed and a retry runs afresh; the route turns it into a 503 CreateOrderResponse.
import { ServiceError } from '../shared/errors.ts';

export class ServiceUnavailableError extends ServiceError {
  constructor(message: string) {
    super(503, 'SERVICE_UNAVAILABLE', message);
  }
}
