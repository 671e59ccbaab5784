// The fields the payment routes' bodies share, checked one by one so that the message names the
// field at fault.
import { InvalidInputError } from '../../platform/errors.ts';

/** DynamoDB's limit on a key value (the token is the table's key, the order id its index's). */
const MAX_ID_BYTES = 1024;

export function assertBodyObject(body: unknown, shape: string): asserts body is Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidInputError(`The body must be a JSON object: ${shape}.`);
  }
}

export function requireId(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '' || Buffer.byteLength(value, 'utf8') > MAX_ID_BYTES) {
    throw new InvalidInputError(`${name} must be a non-empty string of at most ${MAX_ID_BYTES} bytes.`);
  }
  return value;
}

/** Minor units, as the provider counts them. */
export function requireAmount(body: Record<string, unknown>, name: string): number {
  const value = body[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidInputError(`${name} must be a whole number of minor units, at least 1.`);
  }
  return value;
}
