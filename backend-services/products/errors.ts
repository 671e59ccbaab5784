// The errors the products service answers with (INVALID_INPUT is platform/errors.ts'), and the one
// its stock return throws so that the bus retries the event.
import { ServiceError } from '../platform/errors.ts';

/** DynamoDB kept refusing part of a read (throttling) after the retries. */
export class TableBusyError extends ServiceError {
  constructor() {
    super(503, 'SERVICE_UNAVAILABLE', 'The catalog is too busy to answer; try again shortly.');
  }
}

/** The stock of an order could not be returned: its products kept being deleted between attempts. */
export class StockReturnIncompleteError extends Error {
  override name = 'StockReturnIncompleteError';
}

/** No product has the id named. */
export class ProductNotFoundError extends ServiceError {
  constructor(productId: string) {
    super(404, 'NOT_FOUND', `No product has the id ${productId}.`);
  }
}

/**
 * The product's state does not allow the write (its version moved, a stock overwrite, stock that
 * would go below 0, an idempotency key used for another request); the message says which.
 * Nothing was changed.
 */
export class CatalogConflictError extends ServiceError {
  constructor(message: string) {
    super(409, 'CONFLICT', message);
  }
}
