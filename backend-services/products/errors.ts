// The errors the products service answers with (INVALID_INPUT is shared/errors.ts').
import { ServiceError } from '../shared/errors.ts';

/** DynamoDB kept refusing part of a read (throttling) after the retries. */
export class TableBusyError extends ServiceError {
  constructor() {
    super(503, 'SERVICE_UNAVAILABLE', 'The catalog is too busy to answer; try again shortly.');
  }
}
