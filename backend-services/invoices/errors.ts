// The failures the invoices service signals.

/**
 * A number could not be taken within the attempts allowed: other documents of the same kind and
 * year kept moving the counter. Nothing was written; the same request may pass later.
 */
export class InvoiceNumberContentionError extends Error {
  override readonly name = 'InvoiceNumberContentionError';

  constructor(counterKey: string, attempts: number, options?: ErrorOptions) {
    super(`No number could be taken from ${counterKey} in ${attempts} attempts.`, options);
  }
}
