// The body of every answer of the checkout routes (the GraphQL CreateOrderResponse), and its
// HTTP status: 200 placed (or replayed), 422 refused, 503 a backend did not answer.
import type { OrderFields } from '../../../domain/order.ts';
import { type OrderError, serviceUnavailable } from './orderErrors.ts';

export interface CreateOrderResponse {
  readonly success: boolean;
  readonly message: string;
  readonly errors: readonly OrderError[];
  readonly order: OrderFields | null;
}

export function placed(order: OrderFields): CreateOrderResponse {
  return { success: true, message: `Order ${order.orderId} was placed.`, errors: [], order };
}

export function refused(errors: readonly OrderError[]): CreateOrderResponse {
  return {
    success: false,
    message: `The order was not placed. ${errors.map((error) => error.message).join(' ')}`,
    errors,
    order: null,
  };
}

/**
 * `message` is the shopper's, and it says what is known: that nothing was ordered or charged, or
 * that the order may exist and a retry with the same key settles it. A generic "could not be
 * placed" would be wrong for the second.
 */
export function unavailable(message: string): CreateOrderResponse {
  return {
    success: false,
    message,
    errors: [serviceUnavailable(message)],
    order: null,
  };
}

export function statusCodeOf(response: CreateOrderResponse): 200 | 422 | 503 {
  if (response.success) return 200;
  return response.errors.some((error) => error.code === 'SERVICE_UNAVAILABLE') ? 503 : 422;
}
