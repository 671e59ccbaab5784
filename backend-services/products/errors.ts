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
