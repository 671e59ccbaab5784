// Order ids. With an idempotency key the id is derived from the operation, the user and the key,
// so that every attempt of one request (even after its idempotency record is lost) names the same
// order and claims the payment for the same order; without one it is random.
import { createHash, randomUUID } from 'node:crypto';
import type { Operation } from './checkoutRequest.ts';

/** A UUID (RFC 9562 version 8, the "custom" one) made of a SHA-256 of the three. */
export function deriveOrderId(operation: Operation, userId: string, idempotencyKey: string): string {
  const hex = createHash('sha256')
    .update(JSON.stringify([operation, userId, idempotencyKey]))
    .digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function newOrderId(): string {
  return randomUUID();
}
